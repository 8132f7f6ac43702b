package io.assay.promotion;

import io.assay.quality.CheckStatus;
import io.assay.quality.GateReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a gated run did: every gate report in the order the gates ran, and the layer whose gate halted
 * the run, if one did (nothing at or after that layer was committed).
 */
public record PromotionResult(List<GateReport> reports, Optional<String> haltedAt) {
  public PromotionResult {
    reports = List.copyOf(reports);
  }

  public boolean halted() {
    return haltedAt.isPresent();
  }

  /** Checks run, passed, warned and failed per layer, in the order the layers ran. */
  public Map<String, Map<String, Long>> countsByLayer() {
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (GateReport report : reports) {
      Map<String, Long> layer = counts.computeIfAbsent(report.layer(), l -> new LinkedHashMap<>(Map.of()));
      layer.merge("run", (long) report.outcomes().size(), Long::sum);
      layer.merge("passed", report.count(CheckStatus.PASSED), Long::sum);
      layer.merge("warned", report.count(CheckStatus.WARNED), Long::sum);
      layer.merge("failed", report.count(CheckStatus.FAILED), Long::sum);
    }
    return counts;
  }

  /** A short readable report: one line per table, then every failed or warned check. */
  public List<String> summaryLines() {
    List<String> lines = new ArrayList<>();
    for (GateReport report : reports) {
      lines.add(report.summary());
    }
    haltedAt.ifPresent(layer -> lines.add("FAILED: error-level checks failed at the " + layer + " gate"));
    return lines;
  }
}
