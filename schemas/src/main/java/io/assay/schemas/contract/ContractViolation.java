package io.assay.schemas.contract;

import java.util.Objects;

/**
 * One broken rule of one record: which category, where, what was seen and which rule it broke.
 *
 * @param topic the topic whose contract was broken
 * @param field the concrete field path, e.g. {@code items[2].quantity}; empty for whole-record errors;
 *     for a record rule, the fields it read, e.g. {@code status, failure_reason}
 * @param observedValue the value as text, {@code null} when absent; for a record rule, each field
 *     read with its value, e.g. {@code status=SUCCEEDED, failure_reason=card_declined}
 * @param rule the rule in words, e.g. {@code amount >= 0.01}; for a record rule, its name
 * @param detail the whole story in one line, e.g. {@code amount=-14.50 violates amount >= 0.01}
 */
public record ContractViolation(
    DeadLetterCategory category, String topic, String field, String observedValue, String rule, String detail) {

  public ContractViolation {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detail, "detail");
  }

  /** A violation of one field's rule, detailed as {@code field=value violates rule}. */
  public ContractViolation(DeadLetterCategory category, String topic, String field, String observedValue, String rule) {
    this(category, topic, field, observedValue, rule, field.isEmpty() ? rule : field + "=" + observedValue + " violates " + rule);
  }

  /** A violation of the record as a whole (bytes that cannot be decoded, unknown schema). */
  public static ContractViolation ofRecord(DeadLetterCategory category, String topic, String rule) {
    return new ContractViolation(category, topic, "", null, rule);
  }

  @Override
  public String toString() {
    return field.isEmpty() ? category + " " + topic + ": " + rule : category + " " + topic + "." + detail;
  }
}
