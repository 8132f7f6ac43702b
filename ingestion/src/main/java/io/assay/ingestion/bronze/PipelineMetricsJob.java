package io.assay.ingestion.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.window;

import io.assay.lake.DeltaStreams;
import io.assay.lake.LakeCatalog;
import io.assay.lake.LakeLayout;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.delta.tables.DeltaTable;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;

/**
 * Live pipeline health: a watermarked streaming aggregation over the Bronze and dead-letter tables,
 * counting valid and dead-lettered records per minute, topic and category into
 * {@code pipeline_metrics}, which dashboards poll.
 *
 * <p>Minutes are those of the Kafka timestamp, the moment a record entered the pipeline: dead
 * letters often have no trustworthy event time (that may be why they are dead), and a health chart
 * must count every record. A record whose timestamp is older than the watermark when it reaches
 * Bronze is still in Bronze, but not in the per-minute counts (Spark drops late rows from a
 * watermarked aggregation). In an {@code availableNow} drain the watermark only moves after the
 * drain, so nothing already in Kafka is late.
 */
public final class PipelineMetricsJob {
  private static final String NO_DATA_BATCHES = "spark.sql.streaming.noDataMicroBatches.enabled";
  private PipelineMetricsJob() {}

  public static StreamingQuery start(SparkSession spark, ContractCatalog catalog, IngestSettings settings) {
    LakeLayout lake = settings.lake();
    Dataset<Row> arrivals = DeltaStreams.fromStart(spark, lake.table(LakeLayout.DLQ_TABLE))
        .select(col("source_topic").as("topic"), lit("dead_letter").as("status"), col("category"),
            col("kafka_timestamp").as("arrived_at"));
    for (Contract contract : catalog.contracts()) {
      arrivals = arrivals.unionByName(DeltaStreams.fromStart(spark, lake.bronzeTable(contract.topic()))
          .select(col(RoutedSchema.TOPIC).as("topic"), lit("valid").as("status"),
              lit(null).cast(DataTypes.StringType).as("category"), col(RoutedSchema.KAFKA_TIMESTAMP).as("arrived_at")));
    }
    Dataset<Row> perMinute = arrivals
        .withWatermark("arrived_at", settings.metricsWatermark().toSeconds() + " seconds")
        .groupBy(window(col("arrived_at"), "1 minute"), col("topic"), col("status"), col("category"))
        .count()
        .select(col("window.start").as("window_start"), col("window.end").as("window_end"), col("topic"),
            col("status"), col("category"), col("count").as("records"));
    ensureTable(spark, lake);
    String table = lake.table(LakeLayout.METRICS_TABLE);
    // No batch without new rows: one would only move the watermark and evict expired minutes, which the
    // next batch with rows does as well, and each costs a MERGE (1-2 s at the end of every drain).
    String noDataBatches = spark.conf().get(NO_DATA_BATCHES, "true");
    spark.conf().set(NO_DATA_BATCHES, "false");
    try {
      return perMinute.writeStream()
          .queryName(settings.appId() + "-metrics")
          .outputMode("update")
          .option("checkpointLocation", lake.checkpoint(settings.appId() + "-metrics"))
          .trigger(BronzeJob.trigger(settings))
          .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (updates, batchId) -> upsert(spark, table, updates))
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("the metrics query did not start: " + e.getMessage(), e);
    } finally {
      spark.conf().set(NO_DATA_BATCHES, noDataBatches);
    }
  }

  /** Update mode emits each changed minute's running total, so a merge that sets it is idempotent. */
  private static void upsert(SparkSession spark, String table, Dataset<Row> updates) {
    DeltaTable.forPath(spark, table).as("m")
        .merge(updates.withColumn("updated_at", current_timestamp()).as("u"),
            "m.window_start = u.window_start AND m.topic = u.topic AND m.status = u.status AND m.category <=> u.category")
        .whenMatched().updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  private static void ensureTable(SparkSession spark, LakeLayout lake) {
    String table = lake.table(LakeLayout.METRICS_TABLE);
    if (!DeltaTable.isDeltaTable(spark, table)) {
      spark.createDataFrame(java.util.List.of(), DataTypes.createStructType(java.util.List.of(
              DataTypes.createStructField("window_start", DataTypes.TimestampType, false),
              DataTypes.createStructField("window_end", DataTypes.TimestampType, false),
              DataTypes.createStructField("topic", DataTypes.StringType, false),
              DataTypes.createStructField("status", DataTypes.StringType, false),
              DataTypes.createStructField("category", DataTypes.StringType, true),
              DataTypes.createStructField("records", DataTypes.LongType, false),
              DataTypes.createStructField("updated_at", DataTypes.TimestampType, false))))
          .write().format("delta").save(table);
    }
    new LakeCatalog(spark).register(LakeLayout.METRICS_TABLE, table);
  }
}
