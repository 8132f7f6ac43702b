package io.assay.schemas.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rule kinds a contract file can declare. Each is a small value; see {@link FieldRule}. */
public final class Rules {
  private Rules() {}

  /** {@code type:}: the decoded value has the declared type (else the schema did not match). */
  public record TypeRule(ContractType type) implements FieldRule {
    public Pass pass() { return Pass.STRUCTURAL; }
    public DeadLetterCategory category() { return DeadLetterCategory.SCHEMA_MISMATCH; }
    public boolean accepts(Object value, Instant now) { return type.matchesValue(value); }
    public String describe(String field) { return field + " is of type " + type; }
  }

  /** {@code format:}: a named, well-known format. */
  public record FormatRule(ValueFormat format) implements FieldRule {
    public Pass pass() { return Pass.STRUCTURAL; }
    public DeadLetterCategory category() { return DeadLetterCategory.INVALID_FORMAT; }
    public boolean accepts(Object value, Instant now) { return format.accepts(value.toString()); }
    public String describe(String field) { return field + " is " + format.description(); }
  }

  /** {@code pattern:}: the whole value matches a regular expression. */
  public record PatternRule(Pattern pattern) implements FieldRule {
    public Pass pass() { return Pass.STRUCTURAL; }
    public DeadLetterCategory category() { return DeadLetterCategory.INVALID_FORMAT; }
    public boolean accepts(Object value, Instant now) { return pattern.matcher(value.toString()).matches(); }
    public String describe(String field) { return field + " matches " + pattern.pattern(); }
  }

  /** {@code min:} inclusive lower bound on a number. */
  public record MinRule(BigDecimal bound) implements FieldRule {
    public Pass pass() { return Pass.BUSINESS; }
    public DeadLetterCategory category() { return DeadLetterCategory.VALUE_OUT_OF_RANGE; }
    public boolean accepts(Object value, Instant now) { return !Numbers.isNaN(value) && Numbers.compare(value, bound) >= 0; }
    public String describe(String field) { return field + " >= " + bound.toPlainString(); }
  }

  /** {@code max:} inclusive upper bound on a number. */
  public record MaxRule(BigDecimal bound) implements FieldRule {
    public Pass pass() { return Pass.BUSINESS; }
    public DeadLetterCategory category() { return DeadLetterCategory.VALUE_OUT_OF_RANGE; }
    public boolean accepts(Object value, Instant now) { return !Numbers.isNaN(value) && Numbers.compare(value, bound) <= 0; }
    public String describe(String field) { return field + " <= " + bound.toPlainString(); }
  }

  /** {@code allowed:} the value is one of a closed set (strings compare exactly). */
  public record AllowedValuesRule(List<String> values, Set<String> lookup) implements FieldRule {
    public AllowedValuesRule(List<String> values) {
      this(List.copyOf(values), Set.copyOf(values));
    }
    public Pass pass() { return Pass.BUSINESS; }
    public DeadLetterCategory category() { return DeadLetterCategory.INVALID_ENUM_VALUE; }
    public boolean accepts(Object value, Instant now) { return lookup.contains(value.toString()); }
    public String describe(String field) { return field + " in " + values; }
  }

  /** {@code min_items:} an array holds at least this many elements. */
  public record MinItemsRule(int minItems) implements FieldRule {
    public Pass pass() { return Pass.BUSINESS; }
    public DeadLetterCategory category() { return DeadLetterCategory.VALUE_OUT_OF_RANGE; }
    public boolean accepts(Object value, Instant now) { return ((Collection<?>) value).size() >= minItems; }
    public String describe(String field) { return "size(" + field + ") >= " + minItems; }
  }

  /** {@code event_time:} the event happened within [now - maxAge, now + maxFuture]. */
  public record EventTimeWindowRule(Duration maxFuture, Duration maxAge) implements FieldRule {
    public Pass pass() { return Pass.BUSINESS; }
    public DeadLetterCategory category() { return DeadLetterCategory.VALUE_OUT_OF_RANGE; }
    public boolean accepts(Object value, Instant now) {
      Instant at = ValueFormat.parseInstant(value.toString());
      return !at.isAfter(now.plus(maxFuture)) && !at.isBefore(now.minus(maxAge));
    }
    public String describe(String field) {
      return field + " within [now - " + maxAge + ", now + " + maxFuture + "]";
    }
  }
}
