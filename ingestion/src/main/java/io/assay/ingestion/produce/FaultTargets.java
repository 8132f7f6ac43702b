package io.assay.ingestion.produce;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractType;
import io.assay.schemas.contract.FieldContract;
import io.assay.schemas.contract.FieldRule;
import io.assay.schemas.contract.Rules;
import io.assay.schemas.contract.ValueFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * For one contract, which top-level fields each fault kind can break (for {@link
 * FaultKind#BROKEN_RECORD_RULE}, which record rules). Read off the contract and the schema, so a new
 * event type gets every applicable fault without new code.
 */
final class FaultTargets {
  private final Map<FaultKind, List<String>> fieldsByKind = new EnumMap<>(FaultKind.class);

  FaultTargets(Contract contract, boolean otherTopicsExist) {
    for (Schema.Field field : contract.schema().getFields()) {
      if (!isNullable(field.schema())) {
        add(FaultKind.MISSING_FIELD, field.name());
        add(FaultKind.WRONG_TYPE, field.name());
      }
    }
    String amount = contract.amountField().orElse(null);
    if (amount != null) {
      add(FaultKind.NEGATIVE_AMOUNT, amount);
      add(FaultKind.ZERO_AMOUNT, amount);
    }
    for (FieldContract field : contract.fields()) {
      String name = field.name();
      if (name.contains(".")) {
        continue; // nested fields: the top-level faults already exercise every rule kind
      }
      Schema.Field schemaField = contract.schema().getField(name);
      if (field.required() && isNullable(schemaField.schema())) {
        add(FaultKind.NULL_REQUIRED_FIELD, name);
      }
      if (!name.equals(amount) && (field.type() == ContractType.INT || field.type() == ContractType.DOUBLE)
          && field.business().stream().anyMatch(r -> r instanceof Rules.MinRule)) {
        add(FaultKind.BELOW_MINIMUM, name);
      }
      if (field.required() && hasOnly(field, Rules.AllowedValuesRule.class)) {
        add(FaultKind.UNKNOWN_ENUM_VALUE, name);
      }
      if (field.structural().stream().anyMatch(r -> r instanceof Rules.FormatRule f && f.format() == ValueFormat.CURRENCY_CODE)) {
        add(FaultKind.MALFORMED_CURRENCY, name);
      }
    }
    contract.recordRules().stream().filter(rule -> !rule.violatedBy().isEmpty())
        .forEach(rule -> add(FaultKind.BROKEN_RECORD_RULE, rule.name()));
    String eventTime = contract.eventTime().field();
    add(FaultKind.FUTURE_EVENT_TIME, eventTime);
    add(FaultKind.STALE_EVENT_TIME, eventTime);
    add(FaultKind.MALFORMED_TIMESTAMP, eventTime);
    for (FaultKind kind : List.of(FaultKind.RANDOM_BYTES, FaultKind.TRUNCATED_AVRO, FaultKind.WRONG_MAGIC_BYTE,
        FaultKind.UNKNOWN_SCHEMA_ID, FaultKind.EMPTY_VALUE, FaultKind.NULL_VALUE, FaultKind.OVERSIZED_RECORD)) {
      add(kind, "");
    }
    if (otherTopicsExist) {
      add(FaultKind.FOREIGN_SCHEMA_ID, "");
    }
  }

  /** The kinds that apply to this contract, in declaration order. */
  Set<FaultKind> kinds() {
    return fieldsByKind.keySet();
  }

  List<String> fields(FaultKind kind) {
    return fieldsByKind.getOrDefault(kind, List.of());
  }

  private void add(FaultKind kind, String field) {
    fieldsByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(field);
  }

  /** Only an allowed-values rule (besides the type): so an unknown value breaks just that rule. */
  private static boolean hasOnly(FieldContract field, Class<? extends FieldRule> ruleKind) {
    return field.structural().size() == 1
        && field.business().size() == 1
        && ruleKind.isInstance(field.business().get(0));
  }

  private static boolean isNullable(Schema schema) {
    return schema.getType() == Schema.Type.UNION
        && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
  }
}
