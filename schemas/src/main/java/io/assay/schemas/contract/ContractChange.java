package io.assay.schemas.contract;

/**
 * One difference between a contract in force and a proposed one.
 *
 * @param field the field path, the record rule's name, or empty for the contract as a whole
 * @param rule what changed: {@code required}, {@code type}, {@code min}, {@code allowed}, {@code event_time},
 *     {@code record_rule}, ...
 * @param before the rule in force in words, empty when there was none
 * @param after the proposed rule in words, empty when it is dropped
 */
public record ContractChange(String topic, String field, String rule, String before, String after, Direction direction) {
  /** Which way a change moves what the contract accepts. */
  public enum Direction {
    /** Accepts less: data that passes today may be rejected. */
    TIGHTENING,
    /** Accepts more: dead letters of today may pass. */
    RELAXING,
    /** Accepts some things it did not and rejects others it accepted (a new pattern, a new type). */
    CHANGED
  }
}
