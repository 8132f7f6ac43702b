package io.assay.ingestion.contractdiff;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.current_date;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;

import io.assay.ingestion.bronze.ContractSources;
import io.assay.lake.LakeLayout;
import io.assay.schemas.contract.ContractCatalog;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What a proposed contract would newly reject among the rows already in one topic's Bronze table. */
public final class BronzeImpact {
  /** Rows a rule would reject, with a few of them as {@code key field=value}. */
  public record RuleImpact(String rule, String category, long rows, List<String> examples) {}

  /** One topic: rows looked at (event day within the window), rows newly rejected, per rule. */
  public record TopicImpact(String topic, long scanned, long newlyRejected, List<RuleImpact> byRule) {}

  private static final int EXAMPLES = 3;

  private BronzeImpact() {}

  /** Bronze rows whose event day is within the last {@code days} days (today included). */
  public static TopicImpact of(SparkSession spark, LakeLayout lake, ContractCatalog inForce, ContractCatalog proposed,
      String topic, int days) {
    String table = lake.bronzeTable(topic);
    if (!DeltaTable.isDeltaTable(spark, table)) {
      return new TopicImpact(topic, 0, 0, List.of());
    }
    Dataset<Row> recent = spark.read().format("delta").load(table).filter(col("event_date").geq(date_sub(current_date(), days)));
    Dataset<Row> rejections = recent.mapPartitions(
        new NewRejections(ContractSources.of(inForce), ContractSources.of(proposed), topic), Encoders.row(NewRejections.SCHEMA)).cache();
    try {
      long newlyRejected = rejections.select("partition", "offset").distinct().count();
      List<RuleImpact> byRule = new ArrayList<>();
      for (Row row : rejections.groupBy("rule", "category")
          .agg(countDistinct(col("partition"), col("offset")),
              slice(collect_list(concat_ws(" ", col("key"), concat_ws("=", col("field"), col("observed_value")))), 1, EXAMPLES))
          .orderBy(col("rule")).collectAsList()) {
        byRule.add(new RuleImpact(row.getString(0), row.getString(1), row.getLong(2), row.getList(3)));
      }
      return new TopicImpact(topic, recent.count(), newlyRejected, byRule);
    } finally {
      rejections.unpersist();
    }
  }
}
