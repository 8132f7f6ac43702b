package io.assay.quality;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** A gate file whose checks have been validated against the schema of the table it guards. */
public record Gate(String layer, String table, StructType schema, List<CheckDefinition> checks) {
  public Gate {
    checks = List.copyOf(checks);
  }

  /** The checks whose failing rows are quarantined rather than halting the promotion. */
  public List<CheckDefinition> quarantineChecks() {
    return checks.stream().filter(CheckDefinition::quarantines).toList();
  }
}
