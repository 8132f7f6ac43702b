package io.assay.quality;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One check as written in a gate file: its name, type, severity and type-specific options. */
public record CheckDefinition(
    String name,
    CheckType type,
    Severity severity,
    String description,
    SourceLocation location,
    Map<String, YamlNode> options) {

  /** Reads one entry of a gate file's {@code checks} list, rejecting unknown types and options. */
  static CheckDefinition fromYaml(YamlNode node) {
    if (!node.isMap()) {
      throw new GateDefinitionException(node.location(), "a check must be a mapping with name, type and severity");
    }
    Map<String, YamlNode> fields = node.fields();
    String name = required(node, "name").text("name");
    YamlNode typeNode = required(node, "type");
    CheckType type = CheckType.fromYaml(typeNode.text("type")).orElseThrow(() -> new GateDefinitionException(
        typeNode.location(), "check '" + name + "': unknown check type '" + typeNode.text("type")
            + "' (known: " + CheckType.knownTypes() + ")"));
    YamlNode severityNode = required(node, "severity");
    Severity severity = switch (severityNode.text("severity")) {
      case "error" -> Severity.ERROR;
      case "warning" -> Severity.WARNING;
      default -> throw new GateDefinitionException(severityNode.location(),
          "check '" + name + "': severity must be error or warning, not '" + severityNode.text("severity") + "'");
    };
    Map<String, YamlNode> options = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> field : fields.entrySet()) {
      String key = field.getKey();
      if (CheckType.COMMON_KEYS.contains(key)) {
        continue;
      }
      if (!type.accepts(key)) {
        throw new GateDefinitionException(node.keyLocation(key), "check '" + name + "': unknown option '" + key
            + "' for type " + type.yamlName() + " (known: " + type.knownOptions() + ")");
      }
      options.put(key, field.getValue());
    }
    for (String option : type.requiredOptions()) {
      if (!options.containsKey(option)) {
        throw new GateDefinitionException(node.location(),
            "check '" + name + "': type " + type.yamlName() + " needs option '" + option + "'");
      }
    }
    YamlNode description = fields.get("description");
    return new CheckDefinition(name, type, severity, description == null ? "" : description.text("description"),
        node.location(), Map.copyOf(options));
  }

  private static YamlNode required(YamlNode check, String key) {
    YamlNode value = check.fields().get(key);
    if (value == null || !value.isScalar()) {
      throw new GateDefinitionException(value == null ? check.location() : value.location(),
          "a check needs '" + key + "'");
    }
    return value;
  }

  YamlNode option(String key) {
    return options.get(key);
  }

  boolean has(String key) {
    return options.containsKey(key);
  }

  String text(String key) {
    return options.get(key).text(key);
  }

  String column() {
    return text("column");
  }

  /** The column a check is about, if it names one (several key columns are joined with commas). */
  public Optional<String> subjectColumn() {
    if (has("column")) {
      return Optional.of(column());
    }
    return has("columns") ? Optional.of(String.join(",", columns())) : Optional.empty();
  }

  List<String> columns() {
    return options.get("columns").texts("columns");
  }

  Optional<Double> number(String key) {
    return has(key) ? Optional.of(options.get(key).number(key)) : Optional.empty();
  }

  Optional<String> where() {
    return has("where") ? Optional.of(text("where")) : Optional.empty();
  }

  SourceLocation locationOf(String key) {
    return has(key) ? options.get(key).location() : location;
  }
}
