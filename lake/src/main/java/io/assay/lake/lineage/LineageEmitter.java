package io.assay.lake.lineage;

import io.assay.lake.LineageSettings;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.OutputDataset;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;
import io.openlineage.client.utils.DatasetIdentifier;
import io.openlineage.client.utils.UUIDUtils;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Assay's own OpenLineage events (ingest, each model, each gate) to the same place as the Spark
 * listener's: these carry what the listener cannot see, the logical table each model and gate is about
 * (the listener sees staging folders and foreachBatch writes) and the gate outcomes as facets. A run
 * started by an orchestrator (Airflow's parent job in the Spark conf) becomes this run's parent.
 */
public final class LineageEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(LineageEmitter.class);
  public static final URI PRODUCER = URI.create("https://github.com/assay/assay");
  private static final String PARENT = "spark.openlineage.parent";
  private static final String ROOT = "spark.openlineage.rootParent";

  private final OpenLineage ol = new OpenLineage(PRODUCER);
  private final Optional<OpenLineageClient> client;
  private final String namespace;
  private final Map<String, String> parentConf;
  private final String assayRunId;

  private LineageEmitter(Optional<OpenLineageClient> client, String namespace, Map<String, String> parentConf, String assayRunId) {
    this.client = client;
    this.namespace = namespace;
    this.parentConf = parentConf;
    this.assayRunId = assayRunId;
  }

  /** An emitter for one Assay run id, parented to whatever orchestrator run the Spark conf names. */
  public static LineageEmitter of(LineageSettings settings, SparkConf sparkConf, String assayRunId) {
    Map<String, String> parent = new java.util.HashMap<>();
    for (scala.Tuple2<String, String> entry : sparkConf.getAllWithPrefix("spark.openlineage.")) {
      parent.put("spark.openlineage." + entry._1(), entry._2());
    }
    Optional<OpenLineageClient> client = settings.enabled()
        ? Optional.of(OpenLineageClient.builder().transport(transport(settings)).build())
        : Optional.empty();
    return new LineageEmitter(client, settings.namespace(), parent, assayRunId);
  }

  public static LineageEmitter disabled() {
    return new LineageEmitter(Optional.empty(), LineageSettings.DEFAULT_NAMESPACE, Map.of(), "");
  }

  public OpenLineage openLineage() {
    return ol;
  }

  /** A dataset this run read, by name only (the listener's events carry the schema). */
  public OpenLineage.InputDataset input(DatasetIdentifier id) {
    return ol.newInputDatasetBuilder().namespace(id.getNamespace()).name(id.getName()).build();
  }

  /** A dataset this run wrote, by name only. */
  public OpenLineage.OutputDataset output(DatasetIdentifier id) {
    return ol.newOutputDatasetBuilder().namespace(id.getNamespace()).name(id.getName()).build();
  }

  /** One COMPLETE event for a job of this run: what it read and what it wrote. */
  public void complete(String jobName, String jobType, Optional<String> sql, List<InputDataset> inputs, List<OutputDataset> outputs) {
    emit(RunEvent.EventType.COMPLETE, jobName, jobType, sql, inputs, outputs);
  }

  /** A START event for a job that keeps running (the continuous ingest). */
  public void start(String jobName, String jobType, List<InputDataset> inputs, List<OutputDataset> outputs) {
    emit(RunEvent.EventType.START, jobName, jobType, Optional.empty(), inputs, outputs);
  }

  private void emit(RunEvent.EventType type, String jobName, String jobType, Optional<String> sql,
      List<InputDataset> inputs, List<OutputDataset> outputs) {
    if (client.isEmpty()) {
      return;
    }
    OpenLineage.RunFacetsBuilder runFacets = ol.newRunFacetsBuilder()
        .tags(ol.newTagsRunFacet(List.of(ol.newTagsRunFacetFields("assay.run_id", assayRunId, "ASSAY"))));
    parentFacet().ifPresent(runFacets::parent);
    OpenLineage.JobFacetsBuilder jobFacets = ol.newJobFacetsBuilder()
        .jobType(ol.newJobTypeJobFacetBuilder().processingType("BATCH").integration("ASSAY").jobType(jobType).build());
    sql.ifPresent(text -> jobFacets.sql(ol.newSQLJobFacetBuilder().query(text).dialect("spark").build()));
    UUID runId = UUIDUtils.generateNewUUID();
    RunEvent event = ol.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.now(ZoneOffset.UTC))
        .run(ol.newRun(runId, runFacets.build()))
        .job(ol.newJobBuilder().namespace(namespace).name(jobName).facets(jobFacets.build()).build())
        .inputs(new ArrayList<>(inputs))
        .outputs(new ArrayList<>(outputs))
        .build();
    try {
      client.get().emit(event);
    } catch (RuntimeException e) {
      // Lineage is a record of the run, not part of it: a consumer that is down must not fail the data.
      LOG.warn("could not emit the OpenLineage event of {}: {}", jobName, e.getMessage());
    }
  }

  /** The orchestrator's task run (Airflow's OpenLineage provider puts it in the Spark conf), if any. */
  private Optional<OpenLineage.ParentRunFacet> parentFacet() {
    String parentNs = parentConf.get(PARENT + "JobNamespace");
    String parentName = parentConf.get(PARENT + "JobName");
    String parentRun = parentConf.get(PARENT + "RunId");
    if (parentNs == null || parentName == null || parentRun == null) {
      return Optional.empty();
    }
    OpenLineage.ParentRunFacetBuilder parent = ol.newParentRunFacetBuilder()
        .run(ol.newParentRunFacetRun(UUID.fromString(parentRun), null))
        .job(ol.newParentRunFacetJob(parentNs, parentName, null));
    String rootNs = parentConf.get(ROOT + "JobNamespace");
    String rootName = parentConf.get(ROOT + "JobName");
    String rootRun = parentConf.get(ROOT + "RunId");
    if (rootNs != null && rootName != null && rootRun != null) {
      parent.root(ol.newParentRunFacetRoot(ol.newRootRun(UUID.fromString(rootRun), null), ol.newRootJob(rootNs, rootName, null)));
    }
    return Optional.of(parent.build());
  }

  private static Transport transport(LineageSettings settings) {
    if (settings.http()) {
      HttpConfig http = new HttpConfig();
      http.setUrl(settings.url().orElseThrow());
      settings.apiKey().ifPresent(key -> {
        ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
        auth.setApiKey(key);
        http.setAuth(auth);
      });
      return new HttpTransport(http);
    }
    return new LineFileTransport(Path.of(settings.fileLocation()));
  }
}
