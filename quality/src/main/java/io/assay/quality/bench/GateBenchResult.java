package io.assay.quality.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Wall-clock seconds of each Silver gate and of one plain full scan of each table, warm, best of
 * {@code rounds}; the totals are the sums over tables.
 */
public record GateBenchResult(long rows, int checks, int rounds, Map<String, Double> gateSecondsByTable,
    Map<String, Double> scanSecondsByTable) {
  public double gatesSeconds() {
    return gateSecondsByTable.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  public double scanSeconds() {
    return scanSecondsByTable.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  public double ratio() {
    return gatesSeconds() / scanSeconds();
  }

  /** The figures as JSON (GateBenchmarkMain's report). */
  public String toJson() {
    return String.format(Locale.ROOT, "{\"rows\": %d, \"checks\": %d, \"rounds\": %d, \"gates_s\": %.3f, \"scan_s\": %.3f, "
        + "\"ratio\": %.3f, \"gates_s_by_table\": %s, \"scan_s_by_table\": %s}",
        rows, checks, rounds, gatesSeconds(), scanSeconds(), ratio(), json(gateSecondsByTable), json(scanSecondsByTable));
  }

  private static String json(Map<String, Double> seconds) {
    return seconds.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "\"%s\": %.3f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
