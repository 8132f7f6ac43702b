package io.assay.schemas.contract;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Checks a decoded record against its contract in three passes: structural (required, type, format,
 * pattern) over every field, then business rules (bounds, allowed values, event-time window) over
 * the values that passed, then the record rules across fields, only when every field kept its own
 * rules: a rule never reads a value of the wrong type, and a record is dead-lettered for its broken
 * field rather than again for each rule that field takes part in. Returns every violation found;
 * an empty list means the record is valid.
 * Free of Spark and Kafka so producers, the streaming job and tests share it.
 */
public final class ContractValidator {
  private final Contract contract;
  private final Clock clock;

  public ContractValidator(Contract contract, Clock clock) {
    this.contract = contract;
    this.clock = clock;
  }

  public Contract contract() {
    return contract;
  }

  public List<ContractViolation> validate(GenericRecord record) {
    Instant now = clock.instant();
    List<ContractViolation> violations = null;
    List<FieldContract> fields = contract.fields();
    List<List<FieldPath.FieldValue>> passedStructure = new ArrayList<>(fields.size());
    for (FieldContract field : fields) {
      List<FieldPath.FieldValue> passed = new ArrayList<>(1);
      for (FieldPath.FieldValue found : field.path().resolve(record)) {
        ContractViolation broken = structuralViolation(field, found, now);
        if (broken != null) {
          violations = add(violations, broken);
        } else if (found.value() != null) {
          passed.add(found);
        }
      }
      passedStructure.add(passed);
    }
    for (int i = 0; i < fields.size(); i++) {
      FieldContract field = fields.get(i);
      for (FieldPath.FieldValue found : passedStructure.get(i)) {
        for (FieldRule rule : field.business()) {
          if (!rule.accepts(found.value(), now)) {
            violations = add(violations, violation(rule, field, found));
          }
        }
      }
    }
    if (violations == null) {
      for (RecordRule rule : contract.recordRules()) {
        if (!rule.holds(record)) {
          violations = add(violations, rule.violation(contract.topic(), record));
        }
      }
    }
    return violations == null ? List.of() : violations;
  }

  private ContractViolation structuralViolation(FieldContract field, FieldPath.FieldValue found, Instant now) {
    if (found.value() == null) {
      return field.required()
          ? new ContractViolation(
              DeadLetterCategory.MISSING_REQUIRED_FIELD, contract.topic(), found.path(), null,
              field.name() + " is required")
          : null;
    }
    for (FieldRule rule : field.structural()) {
      if (!rule.accepts(found.value(), now)) {
        return violation(rule, field, found); // later structural rules assume the earlier ones held
      }
    }
    return null;
  }

  private ContractViolation violation(FieldRule rule, FieldContract field, FieldPath.FieldValue found) {
    return new ContractViolation(
        rule.category(), contract.topic(), found.path(), Numbers.show(found.value()), rule.describe(field.name()));
  }

  private static List<ContractViolation> add(List<ContractViolation> list, ContractViolation violation) {
    List<ContractViolation> target = list == null ? new ArrayList<>(2) : list;
    target.add(violation);
    return target;
  }
}
