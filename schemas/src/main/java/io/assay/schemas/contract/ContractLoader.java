package io.assay.schemas.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Reads a {@code <topic>.contract.yaml} and its Avro schema into a {@link Contract}, checking that
 * every field exists in the schema with the declared type and that each rule fits its type, and
 * compiling the record rules (see {@link RecordRuleReader}).
 * Errors name the file and the field, so a typo never surfaces later as a runtime failure.
 */
public final class ContractLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP_KEYS =
      Set.of("topic", "schema", "key", "event_time", "amount", "ledger_dimensions", "fields", "record_rules");
  private static final Set<String> FIELD_KEYS =
      Set.of("required", "type", "format", "pattern", "min", "max", "allowed", "min_items");
  private static final Set<String> EVENT_TIME_KEYS = Set.of("field", "max_future", "max_age");

  private ContractLoader() {}

  /**
   * @param fileName the contract's file name, for messages and the topic check
   * @param readSibling reads a file next to the contract (its schema) by name
   */
  public static Contract load(String fileName, String yamlText, Function<String, String> readSibling) {
    JsonNode root;
    try {
      root = YAML.readTree(yamlText);
    } catch (IOException e) {
      throw new ContractDefinitionException(fileName + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ContractDefinitionException(fileName + ": expected a mapping with topic, schema, key and fields");
    }
    return new ContractLoader.Reader(fileName, yamlText, root, readSibling).read();
  }

  private record Reader(String file, String yamlText, JsonNode root, Function<String, String> readSibling) {
    Contract read() {
      onlyKeys(root, TOP_KEYS, "the contract");
      String topic = text(root, "topic");
      String expectedFile = topic + ".contract.yaml";
      if (!file.endsWith(expectedFile)) {
        throw error("topic '" + topic + "' must live in a file named " + expectedFile);
      }
      Schema schema = parseSchema(text(root, "schema"));
      List<FieldContract> fields = new ArrayList<>();
      JsonNode fieldsNode = root.path("fields");
      if (!fieldsNode.isObject() || fieldsNode.isEmpty()) {
        throw error("'fields' must map each field path to its rules");
      }
      EventTime eventTime = eventTime();
      for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        fields.add(field(entry.getKey(), entry.getValue(), schema, eventTime));
      }
      String key = text(root, "key");
      requireTopLevel(fields, key, "key", ContractType.STRING);
      requireTopLevel(fields, eventTime.field(), "event_time.field", ContractType.STRING);
      Optional<String> amount = Optional.ofNullable(root.get("amount")).map(JsonNode::asText);
      amount.ifPresent(a -> requireTopLevel(fields, a, "amount", ContractType.DECIMAL));
      List<String> dimensions = new ArrayList<>();
      root.path("ledger_dimensions").forEach(d -> dimensions.add(d.asText()));
      dimensions.forEach(d -> requireTopLevel(fields, d, "ledger_dimensions", null));
      List<RecordRule> recordRules =
          new RecordRuleReader(file, YamlLines.of(yamlText), schema, fields).read(root.get("record_rules"));
      return new Contract(topic, schema, key, eventTime, amount, dimensions, fields, recordRules);
    }

    private Schema parseSchema(String schemaFile) {
      String text;
      try {
        text = readSibling.apply(schemaFile);
      } catch (RuntimeException e) {
        throw error("cannot read schema file '" + schemaFile + "' next to it: " + e.getMessage());
      }
      try {
        return new Schema.Parser().parse(text);
      } catch (SchemaParseException e) {
        throw error("schema " + schemaFile + " is not valid Avro: " + e.getMessage());
      }
    }

    private EventTime eventTime() {
      JsonNode node = root.path("event_time");
      if (!node.isObject()) {
        throw error("'event_time' must give field, max_future and max_age (ISO-8601 durations such as PT5M, P7D)");
      }
      onlyKeys(node, EVENT_TIME_KEYS, "event_time");
      return new EventTime(text(node, "field"), duration(node, "max_future"), duration(node, "max_age"));
    }

    private FieldContract field(String name, JsonNode node, Schema schema, EventTime eventTime) {
      String where = "field '" + name + "'";
      if (!node.isObject()) {
        throw error(where + ": expected a mapping of rules such as {required: true, type: string}");
      }
      onlyKeys(node, FIELD_KEYS, where);
      FieldPath path;
      Schema fieldSchema;
      try {
        path = FieldPath.parse(name);
        fieldSchema = path.schemaIn(schema);
      } catch (IllegalArgumentException e) {
        throw error(where + ": " + e.getMessage() + " in schema " + schema.getFullName());
      }
      ContractType type = parse(where, () -> ContractType.parse(text(node, "type")));
      if (!type.matchesSchema(fieldSchema)) {
        throw error(where + ": declared type " + type + " but the schema has " + describe(fieldSchema));
      }
      List<FieldRule> structural = new ArrayList<>();
      List<FieldRule> business = new ArrayList<>();
      structural.add(new Rules.TypeRule(type));
      if (node.has("format")) {
        requireType(where, "format", type, ContractType.STRING);
        structural.add(new Rules.FormatRule(parse(where, () -> ValueFormat.parse(node.get("format").asText()))));
      }
      if (node.has("pattern")) {
        requireType(where, "pattern", type, ContractType.STRING);
        structural.add(new Rules.PatternRule(parse(where, () -> Pattern.compile(node.get("pattern").asText()))));
      }
      if (node.has("min")) {
        requireNumeric(where, "min", type);
        business.add(new Rules.MinRule(number(where, node.get("min"))));
      }
      if (node.has("max")) {
        requireNumeric(where, "max", type);
        business.add(new Rules.MaxRule(number(where, node.get("max"))));
      }
      if (node.has("allowed")) {
        requireType(where, "allowed", type, ContractType.STRING);
        List<String> allowed = new ArrayList<>();
        node.get("allowed").forEach(v -> allowed.add(v.asText()));
        if (allowed.isEmpty()) {
          throw error(where + ": 'allowed' must list at least one value");
        }
        business.add(new Rules.AllowedValuesRule(allowed));
      }
      if (node.has("min_items")) {
        requireType(where, "min_items", type, ContractType.ARRAY);
        business.add(new Rules.MinItemsRule(node.get("min_items").asInt()));
      }
      if (name.equals(eventTime.field())) {
        if (!node.has("format") || !"iso8601".equalsIgnoreCase(node.get("format").asText())) {
          throw error(where + ": the event-time field must declare format: iso8601");
        }
        business.add(new Rules.EventTimeWindowRule(eventTime.maxFuture(), eventTime.maxAge()));
      }
      boolean required = node.path("required").asBoolean(false);
      return new FieldContract(path, required, type, structural, business);
    }

    private void requireTopLevel(List<FieldContract> fields, String name, String role, ContractType type) {
      FieldContract field = fields.stream().filter(f -> f.name().equals(name)).findFirst()
          .orElseThrow(() -> error(role + " '" + name + "' is not one of the declared fields"));
      if (name.contains(".")) {
        throw error(role + " '" + name + "' must be a top-level field");
      }
      if (type != null && field.type() != type) {
        throw error(role + " '" + name + "' must be of type " + type + ", not " + field.type());
      }
    }

    private void requireType(String where, String rule, ContractType actual, ContractType needed) {
      if (actual != needed) {
        throw error(where + ": '" + rule + "' applies to " + needed + " fields, this one is " + actual);
      }
    }

    private void requireNumeric(String where, String rule, ContractType actual) {
      if (!actual.isNumeric()) {
        throw error(where + ": '" + rule + "' applies to numbers, this field is " + actual);
      }
    }

    private BigDecimal number(String where, JsonNode node) {
      try {
        return new BigDecimal(node.asText());
      } catch (NumberFormatException e) {
        throw error(where + ": '" + node.asText() + "' is not a number");
      }
    }

    private Duration duration(JsonNode node, String key) {
      String value = text(node, key);
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw error("event_time." + key + ": '" + value + "' is not an ISO-8601 duration such as PT5M or P7D");
      }
    }

    private String text(JsonNode node, String key) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull() || value.asText().isBlank()) {
        throw error("'" + key + "' is missing");
      }
      return value.asText();
    }

    private void onlyKeys(JsonNode node, Set<String> known, String where) {
      node.fieldNames().forEachRemaining(key -> {
        if (!known.contains(key)) {
          throw error(where + ": unknown key '" + key + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
      });
    }

    private <T> T parse(String where, java.util.function.Supplier<T> parser) {
      try {
        return parser.get();
      } catch (PatternSyntaxException e) {
        throw error(where + ": bad pattern: " + e.getDescription());
      } catch (IllegalArgumentException | ContractDefinitionException e) {
        throw error(where + ": " + e.getMessage());
      }
    }

    private static String describe(Schema schema) {
      return schema.getLogicalType() != null
          ? schema.getType().getName() + " (" + schema.getLogicalType().getName() + ")"
          : schema.getType().getName();
    }

    private ContractDefinitionException error(String message) {
      return new ContractDefinitionException(file + ": " + message);
    }
  }
}
