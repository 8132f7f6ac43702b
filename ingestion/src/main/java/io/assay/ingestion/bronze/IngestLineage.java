package io.assay.ingestion.bronze;

import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.lake.LakeLayout;
import io.assay.lake.lineage.LineageDatasets;
import io.assay.lake.lineage.LineageEmitter;
import io.openlineage.client.OpenLineage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Bronze job's lineage in the lake's terms, which the listener cannot give (it sees streaming RDDs
 * and foreachBatch writes): one route per topic (topic → its Bronze table, the dead-letter table and
 * topic, so a table's upstream is its own topic only), then the metrics job over what landed.
 */
public final class IngestLineage {
  private final LineageEmitter emitter;
  private final LakeLayout lake;

  public IngestLineage(LineageEmitter emitter, LakeLayout lake) {
    this.emitter = emitter;
    this.lake = lake;
  }

  /** @param finished true when the topics were drained and the jobs stopped, false when they run on */
  public void ingest(String bootstrapServers, List<String> topics, boolean finished) {
    List<OpenLineage.InputDataset> landed = new ArrayList<>();
    for (String topic : topics) {
      List<OpenLineage.OutputDataset> outputs = List.of(
          emitter.output(LineageDatasets.table(lake, LakeLayout.bronzeTableName(topic))),
          emitter.output(LineageDatasets.table(lake, LakeLayout.DLQ_TABLE)),
          emitter.output(LineageDatasets.topic(bootstrapServers, TopicProvisioner.DEAD_LETTER_TOPIC)));
      emit(finished, "assay.ingest.bronze." + topic, List.of(emitter.input(LineageDatasets.topic(bootstrapServers, topic))), outputs);
      landed.add(emitter.input(LineageDatasets.table(lake, LakeLayout.bronzeTableName(topic))));
    }
    landed.add(emitter.input(LineageDatasets.table(lake, LakeLayout.DLQ_TABLE)));
    emit(finished, "assay.ingest.pipeline_metrics", landed, List.of(emitter.output(LineageDatasets.table(lake, LakeLayout.METRICS_TABLE))));
  }

  private void emit(boolean finished, String job, List<OpenLineage.InputDataset> inputs, List<OpenLineage.OutputDataset> outputs) {
    if (finished) {
      emitter.complete(job, "INGEST", Optional.empty(), inputs, outputs);
    } else {
      emitter.start(job, "INGEST", inputs, outputs);
    }
  }
}
