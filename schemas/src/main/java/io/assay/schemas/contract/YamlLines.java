package io.assay.schemas.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Where each value of a YAML document starts, by JSON pointer ({@code /record_rules/0/predicate}), for messages that name file:line. */
final class YamlLines {
  private static final YAMLFactory YAML = new YAMLFactory();
  private final Map<String, Integer> lineByPointer;

  private YamlLines(Map<String, Integer> lineByPointer) {
    this.lineByPointer = lineByPointer;
  }

  /** Lines of a text that already parsed as YAML; an unreadable one yields no lines, never an error. */
  static YamlLines of(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.createParser(yaml)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
          lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      return new YamlLines(Map.of());
    }
    return new YamlLines(lines);
  }

  /** The 1-based line where the value at this pointer starts, or 0 when unknown. */
  int lineOf(String pointer) {
    return lineByPointer.getOrDefault(pointer, 0);
  }
}
