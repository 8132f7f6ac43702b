package io.assay.transformations;

import io.assay.lake.PinnedDeltaRead;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * This run's staging folder. A staged increment is written here as a Delta table and read back, so
 * the rows a gate verifies and the rows a commit writes are the same files, not two evaluations of
 * a query whose inputs might have moved in between.
 */
final class StagingArea {
  private final SparkSession spark;
  private final TransformSettings settings;

  StagingArea(SparkSession spark, TransformSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** A staged increment, how many rows it holds, and the Delta table holding it. */
  record Staged(Dataset<Row> rows, long rowCount, String path) {}

  /**
   * Writes {@code rows} as a one-commit Delta table laid out as its target will be ({@code partitionBy},
   * change data feed on), so that a commit can move its files into the target as they are.
   */
  Staged materialise(String model, Dataset<Row> rows, List<String> partitionBy) {
    String path = settings.stagingPath(model);
    delete(new Path(path)); // a fresh table: a commit takes the files of its one version
    rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .option("delta.enableChangeDataFeed", "true")
        .partitionBy(partitionBy.toArray(String[]::new))
        .save(path);
    Dataset<Row> staged = PinnedDeltaRead.latest(spark, path); // gated, counted and committed: files listed once
    return new Staged(staged, writtenRows(path).orElseGet(staged::count), path);
  }

  /** The row count Delta recorded for the write, which saves scanning what was just written. */
  private java.util.Optional<Long> writtenRows(String path) {
    Row metrics = DeltaTable.forPath(spark, path).history(1).selectExpr("operationMetrics['numOutputRows']").head();
    return metrics.isNullAt(0) ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(metrics.getString(0)));
  }

  /** Removes this run's staging folder; other runs' folders are left alone. */
  void delete() {
    delete(new Path(settings.runStagingPath()));
  }

  private void delete(Path folder) {
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(folder, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete staging folder " + folder, e);
    }
  }
}
