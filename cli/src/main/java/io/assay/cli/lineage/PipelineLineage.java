package io.assay.cli.lineage;

import io.assay.ingestion.bronze.LakeLayout;
import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.quality.GateReport;
import io.assay.transformations.StagedModel;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.utils.DatasetIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The logical lineage of one Assay run, in the lake's terms: Kafka topics into Bronze and the
 * dead-letter table, Bronze into {@code pipeline_metrics}, each model from the tables its SQL reads to
 * its table, and each gate over the tables it judged with the outcomes as facets.
 */
public final class PipelineLineage {
  private final LineageEmitter emitter;
  private final LakeLayout lake;
  private final OpenLineage ol;

  public PipelineLineage(LineageEmitter emitter, LakeLayout lake) {
    this.emitter = emitter;
    this.lake = lake;
    this.ol = emitter.openLineage();
  }

  public static PipelineLineage disabled(LakeLayout lake) {
    return new PipelineLineage(LineageEmitter.disabled(), lake);
  }

  /**
   * The Bronze job, as one route per topic (topic → its Bronze table, the dead-letter table and topic,
   * so a table's upstream is its own topic only), and the metrics job; drained ({@code finished}) or
   * started to run on.
   */
  public void ingest(String bootstrapServers, List<String> topics, boolean finished) {
    List<OpenLineage.InputDataset> landed = new ArrayList<>();
    for (String topic : topics) {
      List<OpenLineage.OutputDataset> outputs = List.of(output(table("bronze_" + topic)), output(table(LakeLayout.DLQ_TABLE)),
          output(LineageDatasets.topic(bootstrapServers, TopicProvisioner.DEAD_LETTER_TOPIC)));
      emit(finished, "assay.ingest.bronze." + topic, List.of(input(LineageDatasets.topic(bootstrapServers, topic))), outputs);
      landed.add(input(table("bronze_" + topic)));
    }
    landed.add(input(table(LakeLayout.DLQ_TABLE)));
    emit(finished, "assay.ingest.pipeline_metrics", landed, List.of(output(table(LakeLayout.METRICS_TABLE))));
  }

  private void emit(boolean finished, String job, List<OpenLineage.InputDataset> inputs, List<OpenLineage.OutputDataset> outputs) {
    if (finished) {
      emitter.complete(job, "INGEST", Optional.empty(), inputs, outputs);
    } else {
      emitter.start(job, "INGEST", inputs, outputs);
    }
  }

  /** One event per committed model: the tables its SQL reads, the table it writes, and the SQL. */
  public void modelsCommitted(List<StagedModel> models) {
    for (StagedModel model : models) {
      List<OpenLineage.InputDataset> inputs = model.model().references().stream().map(t -> input(table(t))).toList();
      emitter.complete("assay.model." + model.name(), "MODEL", Optional.of(model.model().sql()), inputs,
          List.of(output(LineageDatasets.table(model.targetPath()))));
    }
  }

  /** One event per gate run over a layer, each judged table carrying its assertions and metrics. */
  public void gatesRan(String layer, List<GateReport> reports) {
    if (reports.isEmpty()) {
      return;
    }
    List<OpenLineage.InputDataset> judged = reports.stream()
        .map(report -> GateFacets.judgedTable(ol, table(report.table()), report)).toList();
    emitter.complete("assay.gate." + layer, "GATE", Optional.empty(), judged, List.of());
  }

  private DatasetIdentifier table(String name) {
    return LineageDatasets.table(lake.table(name));
  }

  private OpenLineage.InputDataset input(DatasetIdentifier id) {
    return ol.newInputDatasetBuilder().namespace(id.getNamespace()).name(id.getName()).build();
  }

  private OpenLineage.OutputDataset output(DatasetIdentifier id) {
    return ol.newOutputDatasetBuilder().namespace(id.getNamespace()).name(id.getName()).build();
  }
}
