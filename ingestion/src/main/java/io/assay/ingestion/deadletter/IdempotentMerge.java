package io.assay.ingestion.deadletter;

import org.apache.spark.sql.SparkSession;

/**
 * Runs a Delta MERGE under Delta's idempotent-write guard: with the session's txnAppId/txnVersion set,
 * a table that already committed this (app, version) skips the write, as the streaming job's appends do.
 * The settings are removed afterwards so no other write in the session inherits them.
 */
final class IdempotentMerge {
  static final String APP_ID = "spark.databricks.delta.write.txnAppId";
  static final String VERSION = "spark.databricks.delta.write.txnVersion";

  private IdempotentMerge() {}

  static void run(SparkSession spark, String appId, long version, Runnable merge) {
    spark.conf().set(APP_ID, appId);
    spark.conf().set(VERSION, Long.toString(version));
    try {
      merge.run();
    } finally {
      spark.conf().unset(APP_ID);
      spark.conf().unset(VERSION);
    }
  }
}
