package io.assay.ingestion.bronze;

import io.assay.lake.LakeCatalog;
import io.assay.lake.LakeLayout;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

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

  /** What every Bronze and dead-letter table has: the change feed Silver reads, and the checkpoint interval. */
  static final Map<String, String> PROPERTIES = Map.of(
      "delta.enableChangeDataFeed", "true",
      "delta.checkpointInterval", Integer.toString(CHECKPOINT_INTERVAL));

  private BronzeTables() {}

  static void ensureExist(SparkSession spark, ContractCatalog catalog, LakeLayout lake) {
    Dataset<Row> noRows = spark.createDataFrame(List.of(), RoutedSchema.of(catalog));
    LakeCatalog names = new LakeCatalog(spark);
    for (Contract contract : catalog.contracts()) {
      ensure(spark, BronzeBatchWriter.bronzeRows(noRows, contract, -1), lake.bronzeTable(contract.topic()), "event_date");
      names.register(LakeLayout.bronzeTableName(contract.topic()), lake.bronzeTable(contract.topic()));
    }
    ensure(spark, BronzeBatchWriter.deadLetterRows(noRows, -1), lake.table(LakeLayout.DLQ_TABLE), "ingest_date");
    names.register(LakeLayout.DLQ_TABLE, lake.table(LakeLayout.DLQ_TABLE));
  }

  /**
   * A new table: one metadata commit with the schema and properties, no write job (writing an empty
   * DataFrame and then setting the properties took two commits and a Spark job). Columns are nullable
   * as an append would have made them. An existing table made with other properties (a lake from a build
   * before the checkpoint interval was raised) gets them set once.
   */
  private static void ensure(SparkSession spark, Dataset<Row> empty, String path, String partitionColumn) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      DeltaTableBuilder create = DeltaTable.createIfNotExists(spark)
          .location(path)
          .addColumns(nullable(empty.schema()))
          .partitionedBy(partitionColumn);
      for (Map.Entry<String, String> property : PROPERTIES.entrySet()) {
        create = create.property(property.getKey(), property.getValue());
      }
      create.execute();
      return;
    }
    Map<String, String> current = JavaConverters.mapAsJavaMap(
        DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty()).metadata().configuration());
    if (!current.entrySet().containsAll(PROPERTIES.entrySet())) {
      // SQL names a path table only by an absolute path (s3a:// roots already are).
      String absolute = path.contains("://") ? path : java.nio.file.Path.of(path).toAbsolutePath().toString();
      spark.sql("ALTER TABLE delta.`" + absolute + "` SET TBLPROPERTIES (" + PROPERTIES.entrySet().stream()
          .map(p -> p.getKey() + " = " + p.getValue()).collect(Collectors.joining(", ")) + ")");
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
