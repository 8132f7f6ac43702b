package io.assay.stack.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema can read data written with the old
 * one (consumers upgrade first). FORWARD: the old schema can read data written with the new one
 * (producers upgrade first). FULL: both. TRANSITIVE: against every earlier version, not just the latest.
 */
enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  static CompatibilityLevel parse(String text) {
    if (text != null) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        // fall through to the registry's own error
      }
    }
    throw RegistryError.invalidCompatibilityLevel(text);
  }

  /**
   * What stops {@code candidate} from following {@code previous} (oldest first) at this level;
   * empty when it may.
   */
  List<String> incompatibilities(Schema candidate, List<SchemaVersion> previous) {
    if (previous.isEmpty()) {
      return List.of();
    }
    List<SchemaVersion> against = transitive ? previous : List.of(previous.get(previous.size() - 1));
    List<String> problems = new ArrayList<>();
    for (SchemaVersion earlier : against) {
      Schema old = earlier.schema().schema();
      if (newReadsOld) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old),
            "the new schema cannot read data written with version " + earlier.version(), problems);
      }
      if (oldReadsNew) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate),
            "readers on version " + earlier.version() + " cannot read data written with the new schema", problems);
      }
    }
    return List.copyOf(problems);
  }

  private static void describe(SchemaPairCompatibility check, String direction, List<String> problems) {
    for (Incompatibility incompatibility : check.getResult().getIncompatibilities()) {
      problems.add(incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
          + incompatibility.getMessage() + "): " + direction);
    }
  }
}
