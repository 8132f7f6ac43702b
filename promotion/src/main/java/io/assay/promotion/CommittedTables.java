package io.assay.promotion;

import io.assay.lake.LakeLayout;
import io.assay.lake.PinnedDeltaRead;
import io.assay.quality.GateCatalog;
import io.assay.quality.GateFile;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The committed Delta tables of the lake, by name, as the gates read them. */
final class CommittedTables {
  private final SparkSession spark;
  private final LakeLayout lake;
  private final GateCatalog gates;

  CommittedTables(SparkSession spark, LakeLayout lake, GateCatalog gates) {
    this.spark = spark;
    this.lake = lake;
    this.gates = gates;
  }

  String path(String table) {
    return lake.table(table);
  }

  /** The tables of a layer that have a gate file, in the catalog's order. */
  List<String> gatedTables(String layer) {
    return gates.layer(layer).stream().map(GateFile::table).toList();
  }

  Dataset<Row> committed(String table) {
    String path = path(table);
    return PinnedDeltaRead.latestIfExists(spark, path).orElseThrow(() -> new IllegalStateException("table " + table
        + " does not exist at " + path + ": run `assay ingest` (Bronze) or `assay transform` (Silver, Gold) first"));
  }
}
