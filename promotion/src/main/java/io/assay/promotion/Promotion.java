package io.assay.promotion;

import io.assay.lake.LakeLayout;
import io.assay.lake.LineageSettings;
import io.assay.promotion.lineage.PromotionLineage;
import io.assay.quality.GateCatalog;
import io.assay.quality.GateReport;
import io.assay.quality.GateRunner;
import io.assay.quality.QualityMetricsRepository;
import io.assay.transformations.ModelCatalog;
import io.assay.transformations.ModelRunner;
import io.assay.transformations.StepTimes;
import io.assay.transformations.TransformSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Wires models, gates and the lake for one run id: a gated transform, or the gates alone. */
public final class Promotion {
  public static final List<String> LAYERS = List.of("bronze", "silver", "gold");
  private final SparkSession spark;
  private final LakeLayout lakeLayout;
  private final String runId;
  private final GateCatalog gateCatalog;
  private final CommittedTables lake;
  private final LayerGates gates;
  private final PromotionLineage lineage;
  private final StepTimes times = new StepTimes();

  public Promotion(SparkSession spark, LakeLayout lakeLayout, String runId, GateCatalog gateCatalog, Clock clock,
      PromotionLineage lineage) {
    this.spark = spark;
    this.lakeLayout = lakeLayout;
    this.runId = runId;
    this.gateCatalog = gateCatalog;
    this.lake = new CommittedTables(spark, lakeLayout, gateCatalog);
    GateRunner runner = new GateRunner(spark, clock, runId,
        Optional.of(new QualityMetricsRepository(spark, lake.path(LakeLayout.QUALITY_METRICS_DIR))));
    this.lineage = lineage;
    this.gates = new LayerGates(spark, gateCatalog, runner, lake.path(LakeLayout.QUALITY_RESULTS_TABLE), lineage, times);
  }

  /** A promotion that reports its models and gates to OpenLineage, parented to the orchestrator's run if any. */
  public static Promotion forLake(SparkSession spark, LakeLayout lakeLayout, String runId, LineageSettings lineage) {
    return new Promotion(spark, lakeLayout, runId, GateCatalog.fromClasspath(), Clock.systemUTC(),
        PromotionLineage.of(lineage, spark.sparkContext().getConf(), runId, lakeLayout));
  }

  /** Bronze gate, then each model layer staged, gated and committed; stops at the first failing gate. */
  public PromotionResult transform(ModelCatalog models) {
    ModelRunner runner = new ModelRunner(spark, TransformSettings.forLake(lakeLayout, runId), models, times);
    return new PromotionRun(runner, gates, lake, new QuarantineTable(spark, lakeLayout), runId, lineage).run();
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

  /**
   * Rows held in each quarantine table of the gated tables of the given layers:
   * {@code <table>_quarantine} → {@code rows} in all, then rows per check.
   */
  public Map<String, Map<String, Long>> quarantineHeld(List<String> layers) {
    List<String> tables = new ArrayList<>();
    layers.forEach(layer -> tables.addAll(lake.gatedTables(layer)));
    return new QuarantineTable(spark, lakeLayout).held(tables);
  }

  /** Wall time per table of each step this promotion ran so far (stage, gate, commit). */
  public StepTimes times() {
    return times;
  }

  public GateCatalog gateCatalog() {
    return gateCatalog;
  }
}
