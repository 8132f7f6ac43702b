package io.assay.schemas.contract;

/**
 * The seven reasons a record can be dead-lettered. This enum is the one definition: producers,
 * the streaming job, the DLQ table and the dashboards all use these names.
 */
public enum DeadLetterCategory {
  DESERIALIZATION_ERROR("the bytes are not a readable Confluent-framed Avro record (empty, wrong magic byte, truncated, corrupt, oversized, malformed UTF-8, an overflowing varint)"),
  UNKNOWN_SCHEMA("the schema id in the header is not known to the schema registry"),
  SCHEMA_MISMATCH("the writer schema cannot be read as the topic's schema, or a value has the wrong type"),
  MISSING_REQUIRED_FIELD("a field the contract requires is absent or null"),
  INVALID_FORMAT("a value breaks the declared format or pattern (timestamp, currency code, id)"),
  VALUE_OUT_OF_RANGE("a value lies outside its declared bounds, including the event-time window, or outside what a record rule allows given the other fields (a line above its order's total)"),
  INVALID_ENUM_VALUE("a value is not one of the contract's allowed values, alone or given the other fields (a failure reason on a successful payment)");

  private final String meaning;

  DeadLetterCategory(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
