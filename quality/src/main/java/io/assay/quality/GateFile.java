package io.assay.quality;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructType;

/**
 * One parsed gate file: the layer and table it guards and its checks, not yet checked against the
 * table's schema. {@link #bind} does that and yields a runnable {@link Gate}.
 */
public final class GateFile {
  /** The layer whose staged rows are single events with a key, so a failing row can be set aside on its own. */
  static final String QUARANTINE_LAYER = "silver";
  private final String source;
  private final String layer;
  private final String table;
  private final List<CheckDefinition> checks;

  private GateFile(String source, String layer, String table, List<CheckDefinition> checks) {
    this.source = source;
    this.layer = layer;
    this.table = table;
    this.checks = List.copyOf(checks);
  }

  public static GateFile parse(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file.toString(), reader);
    } catch (IOException e) {
      throw new GateDefinitionException(new SourceLocation(file.toString(), 1, 1), "cannot read: " + e.getMessage());
    }
  }

  public static GateFile parse(String source, String yaml) {
    return parse(source, new StringReader(yaml));
  }

  /** Parses a gate file; {@code source} is the name used in error messages. */
  public static GateFile parse(String source, Reader reader) {
    YamlNode root = YamlNode.read(source, reader);
    if (!root.isMap()) {
      throw new GateDefinitionException(root.location(), "a gate file is a mapping with layer, table and checks");
    }
    for (String key : root.fields().keySet()) {
      if (!Set.of("layer", "table", "checks", "description").contains(key)) {
        throw new GateDefinitionException(root.keyLocation(key),
            "unknown key '" + key + "' (a gate file has layer, table, description, checks)");
      }
    }
    String layer = requiredText(root, "layer");
    String table = requiredText(root, "table");
    YamlNode checkList = root.fields().get("checks");
    if (checkList == null || !checkList.isList()) {
      throw new GateDefinitionException(checkList == null ? root.location() : checkList.location(),
          "'checks' must be a list of checks");
    }
    List<CheckDefinition> checks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNode node : checkList.items()) {
      CheckDefinition check = CheckDefinition.fromYaml(node);
      if (!names.add(check.name())) {
        throw new GateDefinitionException(check.location(), "duplicate check name '" + check.name() + "'");
      }
      if (check.quarantines() && !QUARANTINE_LAYER.equals(layer)) {
        throw new GateDefinitionException(check.location(), "check '" + check.name() + "': on_fail: quarantine is for "
            + "the silver layer only: Bronze is gated as committed, not staged, and a Gold row is an aggregate, so "
            + "setting it aside would hide the events behind it rather than name them");
      }
      checks.add(check);
    }
    return new GateFile(source, layer, table, checks);
  }

  private static String requiredText(YamlNode root, String key) {
    YamlNode value = root.fields().get(key);
    if (value == null) {
      throw new GateDefinitionException(root.location(), "a gate file needs '" + key + "'");
    }
    return value.text(key);
  }

  /**
   * Checks every column, regex and predicate against the table's schema, so a gate that cannot run
   * fails here with the file position rather than later as a Spark error.
   */
  public Gate bind(StructType schema) {
    CheckValidator validator = new CheckValidator(schema);
    checks.forEach(validator::validate);
    return new Gate(layer, table, schema, checks);
  }

  public String source() {
    return source;
  }

  public String layer() {
    return layer;
  }

  public String table() {
    return table;
  }

  public List<CheckDefinition> checks() {
    return checks;
  }
}
