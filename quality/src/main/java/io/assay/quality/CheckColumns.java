package io.assay.quality;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The columns a gate's checks read, in schema order: all a verification pass needs to see. */
final class CheckColumns {
  private CheckColumns() {}

  static List<String> of(Gate gate) {
    Set<String> used = new LinkedHashSet<>();
    for (CheckDefinition check : gate.checks()) {
      if (check.has("column")) {
        used.add(check.column());
      }
      if (check.has("columns")) {
        used.addAll(check.columns());
      }
      for (String key : new String[] {"where", "predicate"}) {
        if (check.has(key)) {
          used.addAll(PredicateColumns.of(check.text(key)));
        }
      }
    }
    return java.util.Arrays.stream(gate.schema().fieldNames()).filter(used::contains).toList();
  }
}
