package io.assay.schemas.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.assay.schemas.contract.expr.ExpressionException;
import io.assay.schemas.contract.expr.RulePredicate;
import io.assay.schemas.contract.expr.ValueType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Reads a contract's {@code record_rules:} list and compiles each predicate once, against the
 * fields the contract declares. Errors name file:line, the rule and the problem.
 */
final class RecordRuleReader {
  private static final Set<String> RULE_KEYS = Set.of("name", "category", "predicate", "message", "violated_by");
  /** Decoding problems are the decoder's; a rule judges values, so it names one of these. */
  private static final Set<DeadLetterCategory> RULE_CATEGORIES = EnumSet.of(DeadLetterCategory.MISSING_REQUIRED_FIELD,
      DeadLetterCategory.INVALID_FORMAT, DeadLetterCategory.VALUE_OUT_OF_RANGE, DeadLetterCategory.INVALID_ENUM_VALUE);

  private final String file;
  private final YamlLines lines;
  private final Schema schema;
  private final Map<String, FieldContract> fields = new HashMap<>();

  RecordRuleReader(String file, YamlLines lines, Schema schema, List<FieldContract> fields) {
    this.file = file;
    this.lines = lines;
    this.schema = schema;
    fields.forEach(f -> this.fields.put(f.name(), f));
  }

  List<RecordRule> read(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw error("/record_rules", "'record_rules' must be a list of rules, each with name, category, predicate and message");
    }
    List<RecordRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      RecordRule rule = rule(node.get(i), "/record_rules/" + i);
      if (!names.add(rule.name())) {
        throw error("/record_rules/" + i, "record rule '" + rule.name() + "' is declared twice");
      }
      rules.add(rule);
    }
    return rules;
  }

  private RecordRule rule(JsonNode node, String at) {
    if (!node.isObject()) {
      throw error(at, "each record rule is a mapping with name, category, predicate and message");
    }
    String name = text(node, "name", at, "record rule");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw error(at + "/name", "record rule name '" + name + "' must be lower_snake_case");
    }
    String where = "record rule '" + name + "'";
    for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!RULE_KEYS.contains(key)) {
        throw error(at + "/" + key, where + ": unknown key '" + key + "' (known: " + String.join(", ", RULE_KEYS.stream().sorted().toList()) + ")");
      }
    }
    DeadLetterCategory category = category(text(node, "category", at, where), at + "/category", where);
    String message = text(node, "message", at, where);
    String predicateText = text(node, "predicate", at, where);
    RulePredicate predicate;
    try {
      predicate = RulePredicate.compile(predicateText, schema, this::declaredType);
    } catch (ExpressionException e) {
      throw error(at + "/predicate", where + ": " + e.getMessage() + " at column " + e.column() + " of: " + predicateText);
    }
    return new RecordRule(name, category, message, predicate, violatedBy(node.get("violated_by"), at + "/violated_by", where));
  }

  private DeadLetterCategory category(String text, String at, String where) {
    try {
      DeadLetterCategory category = DeadLetterCategory.valueOf(text);
      if (RULE_CATEGORIES.contains(category)) {
        return category;
      }
    } catch (IllegalArgumentException unknown) {
      // reported below with the choices
    }
    throw error(at, where + ": category '" + text + "' is not one a rule can produce; use one of "
        + String.join(", ", RULE_CATEGORIES.stream().map(Enum::name).toList()));
  }

  /** Values that break the rule, each converted to its field's declared type (decimals at the schema's scale). */
  private Map<String, Object> violatedBy(JsonNode node, String at, String where) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (node == null) {
      return values;
    }
    if (!node.isObject() || node.isEmpty()) {
      throw error(at, where + ": 'violated_by' maps fields to values that break the rule, e.g. {status: SUCCEEDED}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = entry.getKey();
      FieldContract field = fields.get(path);
      if (field == null || path.contains("[]")) {
        throw error(at + "/" + path, where + ": violated_by names '" + path + "', which is not a declared field outside an array");
      }
      values.put(path, convert(field, entry.getValue(), at + "/" + path, where));
    }
    return values;
  }

  private Object convert(FieldContract field, JsonNode value, String at, String where) {
    if (value.isNull()) {
      return null;
    }
    String text = value.asText();
    try {
      return switch (field.type()) {
        case STRING -> text;
        case INT -> Integer.parseInt(text);
        case LONG -> Long.parseLong(text);
        case DOUBLE -> Double.parseDouble(text);
        case BOOLEAN -> {
          if (!value.isBoolean()) {
            throw new IllegalArgumentException("not a boolean");
          }
          yield value.booleanValue();
        }
        case DECIMAL -> new BigDecimal(text).setScale(
            ((LogicalTypes.Decimal) field.path().schemaIn(schema).getLogicalType()).getScale(), RoundingMode.UNNECESSARY);
        case ARRAY, RECORD -> throw new IllegalArgumentException("only single values can be set");
      };
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error(at, where + ": violated_by value '" + text + "' does not fit " + field.name() + " (" + field.type() + "): " + e.getMessage());
    }
  }

  private ValueType declaredType(String path) {
    FieldContract field = fields.get(path);
    if (field == null) {
      return null;
    }
    return switch (field.type()) {
      case STRING -> ValueType.STRING;
      case INT, LONG -> ValueType.INTEGRAL;
      case DOUBLE -> ValueType.DOUBLE;
      case DECIMAL -> ValueType.DECIMAL;
      case BOOLEAN -> ValueType.BOOLEAN;
      case ARRAY -> ValueType.ARRAY;
      case RECORD -> ValueType.RECORD;
    };
  }

  private String text(JsonNode node, String key, String at, String where) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      throw error(value == null ? at : at + "/" + key, where + ": '" + key + "' is missing");
    }
    return value.asText();
  }

  private ContractDefinitionException error(String pointer, String message) {
    int line = lines.lineOf(pointer);
    return new ContractDefinitionException(file + (line > 0 ? ":" + line : "") + ": " + message);
  }
}
