package io.assay.ingestion.bronze;

import java.io.Serializable;

/**
 * Where the lake's tables and checkpoints live: a local folder by default, {@code s3a://bucket/prefix}
 * on S3 (hadoop-aws, default AWS credential chain). Tables are Delta tables addressed by path.
 */
public record LakeLayout(String root, String checkpointRoot) implements Serializable {
  public static final String DLQ_TABLE = "bronze_dlq_audit";
  public static final String METRICS_TABLE = "pipeline_metrics";

  public String table(String name) {
    return join(root, name);
  }

  public String bronzeTable(String topic) {
    return table("bronze_" + topic);
  }

  public String checkpoint(String queryName) {
    return join(checkpointRoot, queryName);
  }

  private static String join(String base, String name) {
    return base.endsWith("/") ? base + name : base + "/" + name;
  }
}
