package io.assay.schemas.contract;

import java.time.Instant;

/**
 * One check on one non-null value. Structural rules (type, format, pattern) run first; business
 * rules (bounds, allowed values, event-time window) run only on values that passed them.
 */
public interface FieldRule {
  enum Pass { STRUCTURAL, BUSINESS }

  Pass pass();

  DeadLetterCategory category();

  /** Whether the value keeps this rule; {@code now} anchors the event-time window. */
  boolean accepts(Object value, Instant now);

  /** The rule in words for a field, e.g. {@code amount >= 0.01}. */
  String describe(String field);
}
