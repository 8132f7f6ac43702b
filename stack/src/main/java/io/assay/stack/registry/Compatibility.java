package io.assay.stack.registry;

import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/** Confluent's compatibility levels, checked with Apache Avro's own reader/writer rules. */
enum Compatibility {
  NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

  static Compatibility parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw RegistryError.invalidCompatibility(text);
    }
  }

  /** Problems registering {@code candidate} after {@code previous} (oldest first); empty when allowed. */
  List<String> problems(Schema candidate, List<Schema> previous) {
    if (this == NONE || previous.isEmpty()) {
      return List.of();
    }
    boolean transitive = name().endsWith("_TRANSITIVE");
    List<Schema> against = transitive ? previous : List.of(previous.get(previous.size() - 1));
    boolean backward = name().startsWith("BACKWARD") || name().startsWith("FULL");
    boolean forward = name().startsWith("FORWARD") || name().startsWith("FULL");
    List<String> problems = new java.util.ArrayList<>();
    for (Schema old : against) {
      if (backward) {
        check(candidate, old, "the new schema cannot read data written with an earlier one", problems);
      }
      if (forward) {
        check(old, candidate, "an earlier schema cannot read data written with the new one", problems);
      }
    }
    return problems;
  }

  private static void check(Schema reader, Schema writer, String what, List<String> problems) {
    SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      result.getResult().getIncompatibilities().forEach(i ->
          problems.add(what + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
    }
  }
}
