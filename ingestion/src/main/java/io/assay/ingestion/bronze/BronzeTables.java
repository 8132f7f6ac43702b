package io.assay.ingestion.bronze;

import io.assay.lake.LakeCatalog;
import io.assay.lake.LakeLayout;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Bronze and dead-letter tables empty, so readers (and the metrics stream) can start before data,
 * and names them in the catalog when the session has one. Their change feed is on: Silver reads only the
 * rows appended since the Delta version it last processed.
 */
final class BronzeTables {
  /**
   * Commits between Delta checkpoints (Delta's default is 10). Writing a checkpoint rebuilds the table's whole
   * state inside the batch that commits it, 4-6 s for the five tables of one batch on this machine: with a
   * 1 s trigger, every 10th batch would stall. Readers replay at most this many small commit files instead.
   */
  static final int CHECKPOINT_INTERVAL = 100;

  private BronzeTables() {}

  static void ensureExist(SparkSession spark, ContractCatalog catalog, LakeLayout lake, BronzeBatchWriter writer) {
    Dataset<Row> noRows = spark.createDataFrame(List.of(), RoutedSchema.of(catalog));
    LakeCatalog names = new LakeCatalog(spark);
    for (Contract contract : catalog.contracts()) {
      createIfMissing(spark, BronzeBatchWriter.bronzeRows(noRows, contract, -1), lake.bronzeTable(contract.topic()), "event_date");
      names.register(LakeLayout.bronzeTableName(contract.topic()), lake.bronzeTable(contract.topic()));
    }
    createIfMissing(spark, writer.deadLetterRows(noRows, -1), lake.table(LakeLayout.DLQ_TABLE), "ingest_date");
    names.register(LakeLayout.DLQ_TABLE, lake.table(LakeLayout.DLQ_TABLE));
  }

  private static void createIfMissing(SparkSession spark, Dataset<Row> empty, String path, String partitionColumn) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      empty.write().format("delta").mode("append").partitionBy(partitionColumn).save(path);
      // SQL names a path table only by an absolute path (s3a:// roots already are).
      String absolute = path.contains("://") ? path : java.nio.file.Path.of(path).toAbsolutePath().toString();
      spark.sql("ALTER TABLE delta.`" + absolute + "` SET TBLPROPERTIES ("
          + "delta.enableChangeDataFeed = true, delta.checkpointInterval = " + CHECKPOINT_INTERVAL + ")");
    }
  }
}
