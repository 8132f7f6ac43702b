package io.assay.lake;

import java.io.Serializable;

/**
 * Where the lake's tables and checkpoints live: a local folder by default, {@code s3a://bucket/prefix}
 * on S3 (hadoop-aws, default AWS credential chain). Every table is a Delta table at
 * {@code <root>/<name>}; jobs address it by that path, and {@link LakeCatalog} also names it in a catalog.
 */
public record LakeLayout(String root, String checkpointRoot) implements Serializable {
  public static final String DLQ_TABLE = "bronze_dlq_audit";
  /** What became of each dead letter after it was written (replayed, discarded, still failing); see the dlq commands. */
  public static final String DLQ_RESOLUTION_TABLE = "bronze_dlq_resolution";
  public static final String METRICS_TABLE = "pipeline_metrics";
  public static final String QUALITY_RESULTS_TABLE = "quality_results";
  /** Bookkeeping of the lake itself (model state, staging, Deequ metrics): never registered in a catalog. */
  public static final String INTERNAL_PREFIX = "_";
  public static final String MODEL_STATE_TABLE = "_model_state";
  public static final String STAGING_FOLDER = "_staging";
  /** Deequ's metrics of each gate run, one file per table and day (quality's QualityMetricsRepository). */
  public static final String QUALITY_METRICS_DIR = "_quality_metrics";

  /** A lake whose checkpoints sit in a folder beside its tables (tests, tools that only read). */
  public static LakeLayout at(String root) {
    return new LakeLayout(root, join(root, "_checkpoints"));
  }

  public String table(String name) {
    return join(root, name);
  }

  /**
   * Where a table's quarantined rows go: {@code <table>_quarantine}, beside the table and in its
   * layer's database, since the rows are that layer's data (same columns, same grants).
   */
  public static String quarantineTable(String table) {
    return table + "_quarantine";
  }

  public String bronzeTable(String topic) {
    return table(bronzeTableName(topic));
  }

  public static String bronzeTableName(String topic) {
    return "bronze_" + topic;
  }

  public String checkpoint(String queryName) {
    return join(checkpointRoot, queryName);
  }

  public static String join(String base, String name) {
    return base.endsWith("/") ? base + name : base + "/" + name;
  }
}
