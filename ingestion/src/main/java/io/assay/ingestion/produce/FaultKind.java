package io.assay.ingestion.produce;

import io.assay.schemas.contract.DeadLetterCategory;
import java.util.Locale;

/**
 * The faults a producer run injects on purpose, each with where it must be caught. Every layer gets
 * exercised: the serializer, the streaming job's validator, and its decoder.
 */
public enum FaultKind {
  MISSING_FIELD(Stage.REJECTED_AT_PRODUCER, null, "a field the schema requires is null"),
  WRONG_TYPE(Stage.REJECTED_AT_PRODUCER, null, "a value of the wrong type for its schema field"),
  NEGATIVE_AMOUNT(Stage.CONTRACT_BREAKING, DeadLetterCategory.VALUE_OUT_OF_RANGE, "the money amount is negative"),
  ZERO_AMOUNT(Stage.CONTRACT_BREAKING, DeadLetterCategory.VALUE_OUT_OF_RANGE, "the money amount is zero"),
  BELOW_MINIMUM(Stage.CONTRACT_BREAKING, DeadLetterCategory.VALUE_OUT_OF_RANGE, "a number below its contract minimum"),
  NULL_REQUIRED_FIELD(Stage.CONTRACT_BREAKING, DeadLetterCategory.MISSING_REQUIRED_FIELD, "null where the schema allows it but the contract does not"),
  UNKNOWN_ENUM_VALUE(Stage.CONTRACT_BREAKING, DeadLetterCategory.INVALID_ENUM_VALUE, "a string outside its allowed values"),
  FUTURE_EVENT_TIME(Stage.CONTRACT_BREAKING, DeadLetterCategory.VALUE_OUT_OF_RANGE, "event time a day past the allowed future"),
  STALE_EVENT_TIME(Stage.CONTRACT_BREAKING, DeadLetterCategory.VALUE_OUT_OF_RANGE, "event time a day older than the allowed age"),
  MALFORMED_TIMESTAMP(Stage.CONTRACT_BREAKING, DeadLetterCategory.INVALID_FORMAT, "event time not in ISO-8601"),
  MALFORMED_CURRENCY(Stage.CONTRACT_BREAKING, DeadLetterCategory.INVALID_FORMAT, "a currency code that is not ISO-4217"),
  /** Which category depends on the rule, so the injector reads it from the contract. */
  BROKEN_RECORD_RULE(Stage.CONTRACT_BREAKING, null, "valid fields that together break a record rule (its violated_by values)"),
  RANDOM_BYTES(Stage.CORRUPT_PAYLOAD, DeadLetterCategory.DESERIALIZATION_ERROR, "random bytes, not wire format"),
  TRUNCATED_AVRO(Stage.CORRUPT_PAYLOAD, DeadLetterCategory.DESERIALIZATION_ERROR, "a valid message cut short"),
  WRONG_MAGIC_BYTE(Stage.CORRUPT_PAYLOAD, DeadLetterCategory.DESERIALIZATION_ERROR, "a valid message with magic byte 1"),
  UNKNOWN_SCHEMA_ID(Stage.CORRUPT_PAYLOAD, DeadLetterCategory.UNKNOWN_SCHEMA, "a schema id the registry never issued"),
  FOREIGN_SCHEMA_ID(Stage.CORRUPT_PAYLOAD, DeadLetterCategory.SCHEMA_MISMATCH, "the schema id of another topic's schema"),
  EMPTY_VALUE(Stage.CORRUPT_PAYLOAD, DeadLetterCategory.DESERIALIZATION_ERROR, "a message whose value is zero bytes"),
  NULL_VALUE(Stage.CORRUPT_PAYLOAD, DeadLetterCategory.DESERIALIZATION_ERROR, "a message with no value at all (a tombstone)"),
  OVERSIZED_RECORD(Stage.CORRUPT_PAYLOAD, DeadLetterCategory.DESERIALIZATION_ERROR, "a framed value larger than the 1 MiB consumers accept");

  /** Where a fault must be stopped. */
  public enum Stage {
    /** The serializer refuses it; it never reaches Kafka. */
    REJECTED_AT_PRODUCER,
    /** Fits the schema, breaks the contract: the streaming job must dead-letter it. */
    CONTRACT_BREAKING,
    /** Bytes written past the serializer, as a rogue producer would. */
    CORRUPT_PAYLOAD
  }

  private final Stage stage;
  private final DeadLetterCategory expectedCategory;
  private final String description;

  FaultKind(Stage stage, DeadLetterCategory expectedCategory, String description) {
    this.stage = stage;
    this.expectedCategory = expectedCategory;
    this.description = description;
  }

  public Stage stage() {
    return stage;
  }

  /**
   * The dead-letter category downstream must assign; null for faults stopped at the producer and for
   * {@link #BROKEN_RECORD_RULE}, whose category is the broken rule's ({@link FaultInjector#breakRecord}).
   */
  public DeadLetterCategory expectedCategory() {
    return expectedCategory;
  }

  public String description() {
    return description;
  }

  /** The name used in reports and the ledger, e.g. {@code negative_amount}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FaultKind fromKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
