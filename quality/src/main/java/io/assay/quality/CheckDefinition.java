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
    Map<String, YamlNode> options,
    FailAction onFail,
    double maxQuarantineRatio) {

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
    FailAction onFail = failAction(node, name, type, severity, options);
    double maxRatio = onFail == FailAction.QUARANTINE ? fields.get("max_quarantine_ratio").number("max_quarantine_ratio") : 0;
    return new CheckDefinition(name, type, severity, description == null ? "" : description.text("description"),
        node.location(), Map.copyOf(options), onFail, maxRatio);
  }

  /** {@code on_fail} (default halt); quarantine only where failing rows can be named and nothing else tolerates them. */
  private static FailAction failAction(YamlNode node, String name, CheckType type, Severity severity, Map<String, YamlNode> options) {
    YamlNode onFailNode = node.fields().get("on_fail");
    YamlNode ratioNode = node.fields().get("max_quarantine_ratio");
    FailAction onFail = onFailNode == null ? FailAction.HALT : FailAction.fromYaml(onFailNode.text("on_fail"));
    String check = "check '" + name + "': ";
    if (onFail == null) {
      throw new GateDefinitionException(onFailNode.location(), check + "on_fail must be halt or quarantine, not '"
          + onFailNode.text("on_fail") + "'");
    }
    if (onFail == FailAction.HALT) {
      if (ratioNode != null) {
        throw new GateDefinitionException(ratioNode.location(), check + "max_quarantine_ratio needs on_fail: quarantine");
      }
      return onFail;
    }
    if (!type.rowLevel()) {
      throw new GateDefinitionException(onFailNode.location(), check + "on_fail: quarantine needs a row-level check "
          + "(completeness, min, max, non_negative, allowed_values, pattern, satisfies); a " + type.yamlName()
          + " check judges the table as a whole, so it halts");
    }
    if (severity != Severity.ERROR) {
      throw new GateDefinitionException(onFailNode.location(), check + "on_fail: quarantine needs severity error "
          + "(a warning never halts, so there is nothing to quarantine instead)");
    }
    if (options.containsKey("min")) {
      throw new GateDefinitionException(options.get("min").location(), check + "on_fail: quarantine sets aside every "
          + "row that breaks the check, so it cannot also tolerate a share of them with min");
    }
    if (ratioNode == null) {
      throw new GateDefinitionException(onFailNode.location(), check + "on_fail: quarantine needs max_quarantine_ratio "
          + "(the largest share of staged rows that may be set aside before the check halts, e.g. 0.01)");
    }
    double ratio = ratioNode.number("max_quarantine_ratio");
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new GateDefinitionException(ratioNode.location(), check + "max_quarantine_ratio must be between 0 and 1, not " + ratio);
    }
    return onFail;
  }

  /** True when failing rows are set aside instead of halting (see {@link FailAction}). */
  public boolean quarantines() {
    return onFail == FailAction.QUARANTINE;
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
