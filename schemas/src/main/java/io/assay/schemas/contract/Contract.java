package io.assay.schemas.contract;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The contract of one topic: its Avro schema (the reader schema), the field rules on top, and the
 * record rules across fields.
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
    List<FieldContract> fields,
    List<RecordRule> recordRules) {

  public Contract {
    ledgerDimensions = List.copyOf(ledgerDimensions);
    fields = List.copyOf(fields);
    recordRules = List.copyOf(recordRules);
  }

  /** A contract with field rules only. */
  public Contract(String topic, Schema schema, String keyField, EventTime eventTime, Optional<String> amountField,
      List<String> ledgerDimensions, List<FieldContract> fields) {
    this(topic, schema, keyField, eventTime, amountField, ledgerDimensions, fields, List.of());
  }

  /** The registry subject under TopicNameStrategy. */
  public String subject() {
    return topic + "-value";
  }

  public Optional<FieldContract> field(String path) {
    return fields.stream().filter(f -> f.name().equals(path)).findFirst();
  }

  public Optional<RecordRule> recordRule(String name) {
    return recordRules.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
