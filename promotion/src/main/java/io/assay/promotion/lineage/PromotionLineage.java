package io.assay.promotion.lineage;

import io.assay.lake.LakeLayout;
import io.assay.lake.LineageSettings;
import io.assay.lake.lineage.LineageDatasets;
import io.assay.lake.lineage.LineageEmitter;
import io.assay.quality.GateReport;
import io.assay.transformations.StagedModel;
import io.openlineage.client.OpenLineage;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * A promotion's lineage in the lake's terms: each committed model from the tables its SQL reads to its
 * table (the listener only sees staging folders), and each gate run over the tables it judged, with the
 * outcomes as facets.
 */
public final class PromotionLineage {
  private final LineageEmitter emitter;
  private final LakeLayout lake;

  public PromotionLineage(LineageEmitter emitter, LakeLayout lake) {
    this.emitter = emitter;
    this.lake = lake;
  }

  /** Events for one Assay run id, parented to the orchestrator run the Spark conf names, if any. */
  public static PromotionLineage of(LineageSettings settings, SparkConf sparkConf, String runId, LakeLayout lake) {
    return new PromotionLineage(LineageEmitter.of(settings, sparkConf, runId), lake);
  }

  public static PromotionLineage disabled(LakeLayout lake) {
    return new PromotionLineage(LineageEmitter.disabled(), lake);
  }

  /** One event per committed model: the tables its SQL reads, the table it writes, and the SQL. */
  public void modelsCommitted(List<StagedModel> models) {
    for (StagedModel model : models) {
      List<OpenLineage.InputDataset> inputs = model.model().references().stream()
          .map(t -> emitter.input(LineageDatasets.table(lake, t))).toList();
      emitter.complete("assay.model." + model.name(), "MODEL", Optional.of(model.model().sql()), inputs,
          List.of(emitter.output(LineageDatasets.table(model.targetPath()))));
    }
  }

  /** One event per gate run over a layer, each judged table carrying its assertions and metrics. */
  public void gatesRan(String layer, List<GateReport> reports) {
    if (reports.isEmpty()) {
      return;
    }
    List<OpenLineage.InputDataset> judged = reports.stream()
        .map(report -> GateFacets.judgedTable(emitter.openLineage(), LineageDatasets.table(lake, report.table()), report)).toList();
    emitter.complete("assay.gate." + layer, "GATE", Optional.empty(), judged, List.of());
  }
}
