package io.assay.schemas.contract;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The contract of one topic: its Avro schema (the reader schema) and the field rules on top.
 *
 * @param keyField the field that identifies an event; also the Kafka message key
 * @param amountField the money field the ledger reconciles, when the event carries one
 * @param ledgerDimensions fields the ledger records per event so later layers can reconcile per group
 */
public record Contract(
    String topic,
    Schema schema,
    String keyField,
    EventTime eventTime,
    Optional<String> amountField,
    List<String> ledgerDimensions,
    List<FieldContract> fields) {

  public Contract {
    ledgerDimensions = List.copyOf(ledgerDimensions);
    fields = List.copyOf(fields);
  }

  /** The registry subject under TopicNameStrategy. */
  public String subject() {
    return topic + "-value";
  }

  public Optional<FieldContract> field(String path) {
    return fields.stream().filter(f -> f.name().equals(path)).findFirst();
  }
}
