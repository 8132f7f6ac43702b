package io.assay.cli.promotion;

import io.assay.cli.lineage.LineageEmitter;
import io.assay.cli.lineage.PipelineLineage;
import io.assay.ingestion.bronze.LakeLayout;
import io.assay.ingestion.spark.LineageSettings;
import io.assay.quality.GateCatalog;
import io.assay.quality.GateReport;
import io.assay.quality.GateRunner;
import io.assay.transformations.ModelCatalog;
import io.assay.transformations.ModelRunner;
import io.assay.transformations.TransformSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Wires models, gates and the lake for one run id: a gated transform, or the gates alone. */
public final class Promotion {
  public static final List<String> LAYERS = List.of("bronze", "silver", "gold");
  private final SparkSession spark;
  private final LakeLayout lakeLayout;
  private final String runId;
  private final GateCatalog gateCatalog;
  private final LakeTables lake;
  private final LayerGates gates;
  private final PipelineLineage lineage;

  public Promotion(SparkSession spark, LakeLayout lakeLayout, String runId, GateCatalog gateCatalog, Clock clock,
      PipelineLineage lineage) {
    this.spark = spark;
    this.lakeLayout = lakeLayout;
    this.runId = runId;
    this.gateCatalog = gateCatalog;
    this.lake = new LakeTables(spark, lakeLayout, gateCatalog);
    GateRunner runner = new GateRunner(spark, clock, runId, Optional.of(lake.path("_quality_metrics/metrics.json")));
    this.lineage = lineage;
    this.gates = new LayerGates(spark, gateCatalog, runner, lake.path("quality_results"), lineage);
  }

  public Promotion(SparkSession spark, LakeLayout lakeLayout, String runId, GateCatalog gateCatalog, Clock clock) {
    this(spark, lakeLayout, runId, gateCatalog, clock, PipelineLineage.disabled(lakeLayout));
  }

  public static Promotion forLake(SparkSession spark, LakeLayout lakeLayout, String runId) {
    return new Promotion(spark, lakeLayout, runId, GateCatalog.fromClasspath(), Clock.systemUTC());
  }

  /** A promotion that reports its models and gates to OpenLineage, parented to the orchestrator's run if any. */
  public static Promotion forLake(SparkSession spark, LakeLayout lakeLayout, String runId, LineageSettings lineage) {
    PipelineLineage events = new PipelineLineage(
        LineageEmitter.of(lineage, spark.sparkContext().getConf(), runId), lakeLayout);
    return new Promotion(spark, lakeLayout, runId, GateCatalog.fromClasspath(), Clock.systemUTC(), events);
  }

  /** Bronze gate, then each model layer staged, gated and committed; stops at the first failing gate. */
  public PromotionResult transform(ModelCatalog models) {
    ModelRunner runner = new ModelRunner(spark, TransformSettings.forLake(lakeLayout.root(), runId), models);
    return new PromotionRun(runner, gates, lake, lineage).run();
  }

  public PromotionResult transform() {
    return transform(ModelCatalog.fromClasspath(spark));
  }

  /** The gates alone over the committed tables of the given layers (the hourly quality run). */
  public PromotionResult gateOnly(List<String> layers) {
    List<GateReport> reports = new ArrayList<>();
    for (String layer : layers) {
      reports.addAll(gates.verify(layer, lake.gatedTables(layer), lake::committed, lake::committed));
    }
    Optional<String> failed = reports.stream().filter(GateReport::halts).map(GateReport::layer).findFirst();
    return new PromotionResult(reports, failed);
  }

  public GateCatalog gateCatalog() {
    return gateCatalog;
  }
}
