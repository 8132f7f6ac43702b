package io.assay.quality;

import io.assay.lake.fs.ForklessLocalFiles;
import org.apache.spark.sql.SparkSession;

/** The local Spark session the tests share: Delta enabled, UTC, few partitions, no UI. */
final class TestSpark {
  private TestSpark() {}

  static SparkSession session() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("assay-quality-tests")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config(ForklessLocalFiles.sparkSettings())
        .getOrCreate();
  }
}
