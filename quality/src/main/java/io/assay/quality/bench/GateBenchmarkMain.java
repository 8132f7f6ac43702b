package io.assay.quality.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** Runs the gate benchmark by hand: {@code GateBenchmarkMain <rows> <workDir> [reportFile]}. */
public final class GateBenchmarkMain {
  private GateBenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    Path workDir = Path.of(args.length > 1 ? args[1] : "target/gate-bench");
    SparkSession spark = SparkSession.builder()
        .master(System.getProperty("spark.master", "local[*]"))
        .appName("assay-gate-bench")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .getOrCreate();
    GateBenchResult result = new GateBenchmark().run(spark, rows, workDir, 3);
    System.out.println(result.toJson());
    if (args.length > 2) {
      Files.writeString(Path.of(args[2]), result.toJson() + System.lineSeparator());
    }
    spark.stop();
  }
}
