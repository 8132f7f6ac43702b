package io.assay.quality;

import java.util.Map;
import java.util.Optional;

/**
 * What a gate's Deequ pass measured about a table besides pass/fail: the row count and, per checked
 * column, the null count and extremes where an unfiltered completeness, minimum or maximum ran. Lineage
 * publishes it as the table's {@code dataQualityMetrics}.
 */
public record TableProfile(long rowCount, Map<String, ColumnProfile> columns) {
  public TableProfile {
    columns = Map.copyOf(columns);
  }

  /** One column's measured values; empty where no check measured them. */
  public record ColumnProfile(Optional<Long> nullCount, Optional<Double> min, Optional<Double> max) {
    static final ColumnProfile NONE = new ColumnProfile(Optional.empty(), Optional.empty(), Optional.empty());

    ColumnProfile withNullCount(long count) {
      return new ColumnProfile(Optional.of(count), min, max);
    }

    ColumnProfile withMin(double value) {
      return new ColumnProfile(nullCount, Optional.of(value), max);
    }

    ColumnProfile withMax(double value) {
      return new ColumnProfile(nullCount, min, Optional.of(value));
    }
  }
}
