package io.assay.ingestion.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is built. {@code getOrCreate} keeps whatever spark-submit, EMR or
 * Databricks configured; only what is unset gets a local default.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName, String lakeRoot) {
    return getOrCreate(appName, lakeRoot, LineageSettings.disabled());
  }

  public static SparkSession getOrCreate(String appName, String lakeRoot, LineageSettings lineage) {
    SparkConf conf = new SparkConf();
    setIfAbsent(conf, "spark.master", "local[*]");
    setIfAbsent(conf, "spark.app.name", appName);
    setIfAbsent(conf, "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    setIfAbsent(conf, "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    setIfAbsent(conf, "spark.sql.session.timeZone", "UTC");
    if (conf.get("spark.master").startsWith("local")) {
      // Small local runs: few shuffle partitions, no web UI to hold a port.
      setIfAbsent(conf, "spark.sql.shuffle.partitions", "4");
      setIfAbsent(conf, "spark.ui.enabled", "false");
      setIfAbsent(conf, "spark.sql.streaming.stateStore.stateSchemaCheck", "true");
    }
    if (lakeRoot.startsWith("s3a://")) {
      setIfAbsent(conf, "spark.hadoop.fs.s3a.aws.credentials.provider", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
    }
    SparkLineage.applyDefaults(conf, lineage);
    return SparkSession.builder().config(conf).getOrCreate();
  }

  private static void setIfAbsent(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
