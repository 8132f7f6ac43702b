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
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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

  /**
   * One metadata commit with the schema and properties, no write job: what writing an empty
   * DataFrame and then setting the properties did in two commits and a Spark job. Columns are
   * nullable as an append would have made them.
   */
  private static void createIfMissing(SparkSession spark, Dataset<Row> empty, String path, String partitionColumn) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      DeltaTable.createIfNotExists(spark)
          .location(path)
          .addColumns(nullable(empty.schema()))
          .partitionedBy(partitionColumn)
          .property("delta.enableChangeDataFeed", "true")
          .property("delta.checkpointInterval", Integer.toString(CHECKPOINT_INTERVAL))
          .execute();
    }
  }

  private static StructType nullable(StructType struct) {
    StructField[] fields = struct.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      fields[i] = new StructField(fields[i].name(), nullable(fields[i].dataType()), true, fields[i].metadata());
    }
    return new StructType(fields);
  }

  private static DataType nullable(DataType type) {
    if (type instanceof StructType struct) {
      return nullable(struct);
    }
    if (type instanceof ArrayType array) {
      return new ArrayType(nullable(array.elementType()), true);
    }
    if (type instanceof MapType map) {
      return new MapType(nullable(map.keyType()), nullable(map.valueType()), true);
    }
    return type;
  }
}
