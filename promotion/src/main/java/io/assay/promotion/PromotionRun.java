package io.assay.promotion;

import io.assay.lake.CrashPoint;
import io.assay.promotion.lineage.PromotionLineage;
import io.assay.quality.GateReport;
import io.assay.transformations.ModelRunner;
import io.assay.transformations.StagedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bronze gate → stage Silver → Silver gate → commit Silver → stage Gold → Gold gate → commit Gold.
 * A layer's models are built into staging and verified there; only when every error-level check of the
 * layer holds are they committed (one Delta transaction per table). A failing gate stops the run before
 * anything of its layer is committed, so downstream tables keep their Delta versions. Staged rows that
 * break a quarantine check are split off before the gate and, once it passes, set aside in
 * {@code <table>_quarantine} before the tables are committed (see {@link QuarantineTable} for why that
 * order survives a crash). Each step ends at a {@link CrashPoint} named {@code <layer>.<step>}.
 */
public final class PromotionRun {
  private final ModelRunner models;
  private final LayerGates gates;
  private final CommittedTables lake;
  private final QuarantineTable quarantine;
  private final String runId;
  private final PromotionLineage lineage;
  private final Map<String, Map<String, Long>> quarantined = new LinkedHashMap<>();

  PromotionRun(ModelRunner models, LayerGates gates, CommittedTables lake, QuarantineTable quarantine, String runId,
      PromotionLineage lineage) {
    this.models = models;
    this.gates = gates;
    this.lake = lake;
    this.quarantine = quarantine;
    this.runId = runId;
    this.lineage = lineage;
  }

  public PromotionResult run() {
    List<GateReport> reports = new ArrayList<>();
    try {
      if (halts(reports, gates.verify("bronze", lake.gatedTables("bronze"), lake::committed, lake::committed))) {
        return new PromotionResult(reports, Optional.of("bronze"), quarantined);
      }
      CrashPoint.reached("bronze.gated");
      for (String layer : List.of("silver", "gold")) {
        if (!promote(layer, reports)) {
          return new PromotionResult(reports, Optional.of(layer), quarantined);
        }
      }
      return new PromotionResult(reports, Optional.empty(), quarantined);
    } finally {
      models.cleanupStaging();
    }
  }

  /** Stages every model of the layer, verifies the candidates, commits them only if no error-level check failed. */
  private boolean promote(String layer, List<GateReport> reports) {
    List<StagedModel> staged = new ArrayList<>(models.stageLayer(layer));
    CrashPoint.reached(layer + ".staged");
    Map<String, QuarantineSplit> splits = new LinkedHashMap<>();
    for (int i = 0; i < staged.size(); i++) {
      StagedModel model = staged.get(i);
      Optional<QuarantineSplit> split = models.times().time(model.name(), "quarantine_split", () ->
          gates.gate(layer, model.name(), model.increment().schema())
              .flatMap(gate -> QuarantineSplit.of(model, gate, models, quarantine.existing(model.name()))));
      if (split.isPresent()) {
        splits.put(model.name(), split.get());
        staged.set(i, split.get().kept());
      }
    }
    Map<String, Dataset<Row>> candidates = new LinkedHashMap<>();
    staged.forEach(model -> candidates.put(model.name(), model.candidate()));
    List<GateReport> layerReports = gates.verify(layer, List.copyOf(candidates.keySet()), candidates::get,
        table -> candidates.containsKey(table) ? candidates.get(table) : lake.committed(table), splits);
    if (halts(reports, layerReports)) {
      return false;
    }
    CrashPoint.reached(layer + ".gated");
    for (StagedModel model : staged) {
      QuarantineSplit split = splits.get(model.name());
      if (split != null && split.setAsideRows() > 0) {
        quarantine.setAside(model.name(), model.model().header().key(), split.setAside(), runId);
        quarantined.put(model.name(), split.rowsByCheck());
      }
    }
    CrashPoint.reached(layer + ".quarantined");
    models.commitAll(staged);
    lineage.modelsCommitted(staged);
    return true;
  }

  private static boolean halts(List<GateReport> all, List<GateReport> layer) {
    all.addAll(layer);
    return layer.stream().anyMatch(GateReport::halts);
  }
}
