package io.assay.ingestion.deadletter;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.assay.schemas.contract.DeadLetterCategory;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * Which dead letters a command looks at: arrived on or after a day (their Kafka timestamp's day, the
 * table's partition), from some topics, of some categories. Empty lists mean all.
 */
public record DeadLetterFilter(Optional<LocalDate> since, List<String> topics, List<String> categories) {
  public static final DeadLetterFilter ALL = new DeadLetterFilter(Optional.empty(), List.of(), List.of());

  public DeadLetterFilter {
    topics = List.copyOf(topics);
    categories = categories.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).toList();
    for (String category : categories) {
      try {
        DeadLetterCategory.valueOf(category);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--category '" + category + "' is not a dead-letter category; known: "
            + List.of(DeadLetterCategory.values()));
      }
    }
  }

  /** A predicate over the dead-letter table's columns. */
  public Column predicate() {
    Column keep = lit(true);
    if (since.isPresent()) {
      keep = keep.and(col("ingest_date").geq(lit(java.sql.Date.valueOf(since.get()))));
    }
    if (!topics.isEmpty()) {
      keep = keep.and(col("source_topic").isin(topics.toArray()));
    }
    if (!categories.isEmpty()) {
      keep = keep.and(col("category").isin(categories.toArray()));
    }
    return keep;
  }
}
