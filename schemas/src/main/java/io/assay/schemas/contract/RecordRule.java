package io.assay.schemas.contract;

import io.assay.schemas.contract.expr.RulePredicate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;

/**
 * A rule across the fields of one record ({@code record_rules:} in a contract), e.g. a successful
 * payment carries no failure reason. Checked after the field rules, on records whose fields all
 * have their declared types.
 *
 * @param name identifies the rule in dead letters, e.g. {@code successes_have_no_reason}
 * @param category the dead-letter category a record breaking it gets
 * @param message what the rule means, in words
 * @param predicate the compiled predicate; the record keeps the rule only when it is TRUE
 * @param violatedBy field values that break the rule on an otherwise valid record (fault injection uses them); may be empty
 */
public record RecordRule(
    String name, DeadLetterCategory category, String message, RulePredicate predicate, Map<String, Object> violatedBy) {

  public RecordRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(predicate, "predicate");
    violatedBy = Collections.unmodifiableMap(new LinkedHashMap<>(violatedBy)); // values may be null
  }

  public boolean holds(GenericRecord record) {
    return predicate.holds(record);
  }

  /** The violation of a record that does not keep this rule, naming the fields it read and their values. */
  public ContractViolation violation(String topic, GenericRecord record) {
    StringBuilder fields = new StringBuilder();
    StringBuilder observed = new StringBuilder();
    for (Map.Entry<String, Object> read : predicate.observe(record).entrySet()) {
      String separator = fields.length() == 0 ? "" : ", ";
      fields.append(separator).append(read.getKey());
      observed.append(separator).append(read.getKey()).append('=').append(Numbers.show(read.getValue()));
    }
    String detail = observed + " violates " + name + ": " + message + " (" + predicate + ")";
    return new ContractViolation(category, topic, fields.toString(), observed.toString(), name, detail);
  }
}
