package io.assay.promotion;

import io.assay.quality.CheckStatus;
import io.assay.quality.GateReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a gated run did: every gate report in the order the gates ran, the layer whose gate halted
 * the run, if one did (nothing at or after that layer was committed), and the rows quarantine checks
 * set aside in this run (table → check → rows; a row breaking two checks counts under both).
 */
public record PromotionResult(List<GateReport> reports, Optional<String> haltedAt, Map<String, Map<String, Long>> quarantined) {
  public PromotionResult {
    reports = List.copyOf(reports);
    quarantined = Map.copyOf(quarantined);
  }

  /** A run that set nothing aside (or halted before anything was set aside). */
  public PromotionResult(List<GateReport> reports, Optional<String> haltedAt) {
    this(reports, haltedAt, Map.of());
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
      report.outcomes().stream().filter(o -> o.quarantinedRows() > 0 && o.status() == CheckStatus.PASSED)
          .forEach(o -> lines.add("  " + o.describe()));
    }
    new java.util.TreeMap<>(quarantined).forEach((table, byCheck) -> lines.add("quarantined from " + table + " into "
        + io.assay.lake.LakeLayout.quarantineTable(table) + " (rows per check): " + byCheck + "; the rest was promoted"));
    haltedAt.ifPresent(layer -> lines.add("FAILED: error-level checks failed at the " + layer + " gate"));
    return lines;
  }
}
