package io.assay.quality.bench;

import java.util.Map;

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
}
