package io.assay.schemas.contract;

import java.util.Objects;

/**
 * One broken rule of one record: which category, where, what was seen and which rule it broke.
 *
 * @param topic the topic whose contract was broken
 * @param field the concrete field path, e.g. {@code items[2].quantity}; empty for whole-record errors
 * @param observedValue the value as text, {@code null} when absent
 * @param rule the rule in words, e.g. {@code amount >= 0.01}
 */
public record ContractViolation(
    DeadLetterCategory category, String topic, String field, String observedValue, String rule) {

  public ContractViolation {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
  }

  /** A violation of the record as a whole (bytes that cannot be decoded, unknown schema). */
  public static ContractViolation ofRecord(DeadLetterCategory category, String topic, String rule) {
    return new ContractViolation(category, topic, "", null, rule);
  }

  /** Human-readable detail, e.g. {@code amount=-14.50 violates amount >= 0.01}. */
  public String detail() {
    if (field.isEmpty()) {
      return rule;
    }
    return field + "=" + observedValue + " violates " + rule;
  }

  @Override
  public String toString() {
    return field.isEmpty()
        ? category + " " + topic + ": " + rule
        : category + " " + topic + "." + detail();
  }
}
