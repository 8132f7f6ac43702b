package io.assay.promotion;

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
 * anything of its layer is committed, so downstream tables keep their Delta versions.
 */
public final class PromotionRun {
  private final ModelRunner models;
  private final LayerGates gates;
  private final CommittedTables lake;
  private final PromotionLineage lineage;

  PromotionRun(ModelRunner models, LayerGates gates, CommittedTables lake, PromotionLineage lineage) {
    this.models = models;
    this.gates = gates;
    this.lake = lake;
    this.lineage = lineage;
  }

  public PromotionResult run() {
    List<GateReport> reports = new ArrayList<>();
    try {
      if (halts(reports, gates.verify("bronze", lake.gatedTables("bronze"), lake::committed, lake::committed))) {
        return new PromotionResult(reports, Optional.of("bronze"));
      }
      for (String layer : List.of("silver", "gold")) {
        if (!promote(layer, reports)) {
          return new PromotionResult(reports, Optional.of(layer));
        }
      }
      return new PromotionResult(reports, Optional.empty());
    } finally {
      models.cleanupStaging();
    }
  }

  /** Stages every model of the layer, verifies the candidates, commits them only if no error-level check failed. */
  private boolean promote(String layer, List<GateReport> reports) {
    List<StagedModel> staged = models.stageLayer(layer);
    Map<String, Dataset<Row>> candidates = new LinkedHashMap<>();
    staged.forEach(model -> candidates.put(model.name(), model.candidate()));
    List<GateReport> layerReports = gates.verify(layer, List.copyOf(candidates.keySet()), candidates::get,
        table -> candidates.containsKey(table) ? candidates.get(table) : lake.committed(table));
    if (halts(reports, layerReports)) {
      return false;
    }
    models.commitAll(staged);
    lineage.modelsCommitted(staged);
    return true;
  }

  private static boolean halts(List<GateReport> all, List<GateReport> layer) {
    all.addAll(layer);
    return layer.stream().anyMatch(GateReport::halts);
  }
}
