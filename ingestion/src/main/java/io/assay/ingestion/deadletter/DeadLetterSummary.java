package io.assay.ingestion.deadletter;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.assay.lake.LakeLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Dead letters counted per topic, category, field and day, open against replayed and discarded. */
public final class DeadLetterSummary {
  /** One group: a topic, category, field (empty for whole-record errors) and arrival day. */
  public record Group(String topic, String category, String field, String day, long open, long replayed, long discarded) {
    public long total() {
      return open + replayed + discarded;
    }
  }

  /** The groups, and the same counts rolled up. */
  public record Summary(List<Group> groups) {
    public long total(String status) {
      return groups.stream().mapToLong(g -> switch (status) {
        case "open" -> g.open();
        case "replayed" -> g.replayed();
        case "discarded" -> g.discarded();
        default -> g.total();
      }).sum();
    }

    /** Open / replayed / discarded per value of one dimension (topic, category, field or day). */
    public Map<String, Map<String, Long>> by(java.util.function.Function<Group, String> dimension) {
      Map<String, Map<String, Long>> rolled = new TreeMap<>();
      for (Group g : groups) {
        Map<String, Long> counts = rolled.computeIfAbsent(dimension.apply(g), k -> new java.util.LinkedHashMap<>());
        counts.merge("open", g.open(), Long::sum);
        counts.merge("replayed", g.replayed(), Long::sum);
        counts.merge("discarded", g.discarded(), Long::sum);
      }
      return rolled;
    }
  }

  private DeadLetterSummary() {}

  public static Summary of(SparkSession spark, LakeLayout lake, DeadLetterFilter filter) {
    List<Group> groups = new ArrayList<>();
    for (Row row : DeadLetterState.load(spark, lake).filter(filter.predicate())
        .groupBy(col("source_topic"), col("category"), coalesce(col("field"), lit("")).as("field"),
            col("ingest_date").cast("string").as("day"))
        .agg(count(when(col("status").equalTo(DeadLetterState.OPEN), 1)),
            count(when(col("status").equalTo(ResolutionTable.REPLAYED), 1)),
            count(when(col("status").equalTo(ResolutionTable.DISCARDED), 1)))
        .orderBy("source_topic", "category", "field", "day").collectAsList()) {
      groups.add(new Group(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
          row.getLong(4), row.getLong(5), row.getLong(6)));
    }
    return new Summary(groups);
  }
}
