package io.assay.transformations;

import io.assay.lake.fs.ForklessLocalFiles;
import org.apache.spark.sql.SparkSession;

/**
 * One small local session for the whole test JVM, with the settings of ingestion's SparkSessions
 * (Delta extensions, UTC) and as little parallelism as tiny fixtures need.
 */
final class TestSpark {
  private TestSpark() {}

  static SparkSession session() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("assay-transformations-test")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config(ForklessLocalFiles.sparkSettings())
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
        // Fixtures are a few rows: compiling generated code for every query costs more than it saves.
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
  }
}
