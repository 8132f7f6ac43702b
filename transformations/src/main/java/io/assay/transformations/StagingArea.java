package io.assay.transformations;

import io.assay.lake.PinnedDeltaRead;
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
    // Created, never overwritten: an overwrite first lists the files it would replace (a Spark job).
    rows.write().format("delta").mode("errorifexists")
        .option("delta.enableChangeDataFeed", "true")
        .partitionBy(partitionBy.toArray(String[]::new))
        .save(path);
    // Gated, counted and committed from this one read of the commit: its files and the row count
    // Delta recorded for the write, which saves scanning what was just written.
    PinnedDeltaRead.FirstVersion staged = PinnedDeltaRead.firstVersion(spark, path);
    return new Staged(staged.rows(), staged.writtenRows().orElseGet(() -> staged.rows().count()), path);
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
