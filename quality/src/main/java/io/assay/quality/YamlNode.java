package io.assay.quality;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. Jackson's tree model drops locations, so gate
 * files are read token by token into these, and every load-time error can name file, line and column.
 */
final class YamlNode {
  private final SourceLocation location;
  private final String scalar;
  private final Map<String, YamlNode> fields;
  private final Map<String, SourceLocation> keyLocations;
  private final List<YamlNode> items;

  private YamlNode(SourceLocation location, String scalar, Map<String, YamlNode> fields,
      Map<String, SourceLocation> keyLocations, List<YamlNode> items) {
    this.location = location;
    this.scalar = scalar;
    this.fields = fields;
    this.keyLocations = keyLocations;
    this.items = items;
  }

  static YamlNode read(String file, Reader reader) {
    try (JsonParser parser = new YAMLFactory().createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new YamlNode(new SourceLocation(file, 1, 1), null, null, null, null);
      }
      return readValue(file, parser);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      SourceLocation at = e.getLocation() == null ? new SourceLocation(file, 1, 1) : SourceLocation.of(file, e.getLocation());
      throw new GateDefinitionException(at, "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new GateDefinitionException(new SourceLocation(file, 1, 1), "cannot read: " + e.getMessage());
    }
  }

  private static YamlNode readValue(String file, JsonParser parser) throws IOException {
    SourceLocation at = SourceLocation.of(file, parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, YamlNode> fields = new LinkedHashMap<>();
      Map<String, SourceLocation> keys = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        SourceLocation keyAt = SourceLocation.of(file, parser.currentTokenLocation());
        if (fields.containsKey(key)) {
          throw new GateDefinitionException(keyAt, "duplicate key '" + key + "'");
        }
        parser.nextToken();
        keys.put(key, keyAt);
        fields.put(key, readValue(file, parser));
      }
      return new YamlNode(at, null, fields, keys, null);
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(readValue(file, parser));
      }
      return new YamlNode(at, null, null, null, items);
    }
    return new YamlNode(at, token == JsonToken.VALUE_NULL ? null : parser.getText(), null, null, null);
  }

  SourceLocation location() {
    return location;
  }

  boolean isMap() {
    return fields != null;
  }

  boolean isList() {
    return items != null;
  }

  boolean isScalar() {
    return fields == null && items == null && scalar != null;
  }

  /** The fields of a mapping, in file order. */
  Map<String, YamlNode> fields() {
    return fields == null ? Collections.emptyMap() : Collections.unmodifiableMap(fields);
  }

  SourceLocation keyLocation(String key) {
    return keyLocations.getOrDefault(key, location);
  }

  List<YamlNode> items() {
    return items == null ? List.of() : Collections.unmodifiableList(items);
  }

  /** The scalar text, or an error at this node when it is a list or a mapping. */
  String text(String what) {
    if (!isScalar()) {
      throw new GateDefinitionException(location, what + " must be a single value");
    }
    return scalar;
  }

  double number(String what) {
    String text = text(what);
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new GateDefinitionException(location, what + " must be a number, not '" + text + "'");
    }
  }

  /** A list of scalars; a single scalar counts as a list of one. */
  List<String> texts(String what) {
    if (isScalar()) {
      return List.of(scalar);
    }
    if (!isList() || items.isEmpty()) {
      throw new GateDefinitionException(location, what + " must be a non-empty list");
    }
    List<String> values = new ArrayList<>();
    for (YamlNode item : items) {
      values.add(item.text(what + " entries"));
    }
    return values;
  }
}
