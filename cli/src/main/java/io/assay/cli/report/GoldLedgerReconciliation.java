package io.assay.cli.report;

import io.assay.ingestion.ledger.Ledger;
import io.assay.ingestion.ledger.LedgerEntry;
import io.assay.ingestion.ledger.Outcome;
import io.assay.lake.LakeLayout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Gold against the producers' ledger: what Gold says must be what was validly sent, to the cent,
 * less exactly the events Silver's quarantine checks set aside ({@link QuarantinedEvents}).
 * Each side is reduced to the same text map (key "day/dimension", value "count|amount"), so a
 * mismatch reads as the two values that differ.
 */
public final class GoldLedgerReconciliation {
  /** The expected and actual maps of one Gold table. */
  public record Comparison(String check, Map<String, String> expected, Map<String, String> actual) {
    public boolean matches() {
      return expected.equals(actual);
    }
  }

  private GoldLedgerReconciliation() {}

  /** Orders and gross revenue per order day and currency, from valid orders the producer sent. */
  public static Comparison revenue(SparkSession spark, LakeLayout lake, Ledger ledger) {
    return revenue(spark, lake, ledger, Set.of());
  }

  /**
   * As above, counting also the events whose dead letters were replayed into Bronze
   * ({@code topic:partition:offset}): the ledger holds what was actually sent, so their values are known.
   */
  public static Comparison revenue(SparkSession spark, LakeLayout lake, Ledger ledger, Set<String> replayed) {
    Map<String, String> actual = new TreeMap<>();
    for (Row row : gold(spark, lake, "gold_daily_order_revenue", "order_date", "currency", "orders", "gross_revenue")) {
      actual.put(row.getDate(0) + "/" + row.getString(1), row.getLong(2) + "|" + row.getDecimal(3).toPlainString());
    }
    return new Comparison("gold_daily_order_revenue_equals_ledger",
        expectedRevenue(ledger, replayed, QuarantinedEvents.of(spark, lake, "orders")), actual);
  }

  /**
   * What {@code gold_daily_order_revenue} must hold, from the ledger alone: "order_date/currency" to
   * "orders|gross_revenue" (two decimals), for any reader of Gold (Spark, JDBC) to compare against.
   */
  public static Map<String, String> expectedRevenue(Ledger ledger) {
    return expectedRevenue(ledger, Set.of(), Set.of());
  }

  /**
   * As above, with the replayed events ({@code topic:partition:offset}) counted as sent and the orders
   * Silver quarantined ({@code partition:offset}) left out.
   */
  public static Map<String, String> expectedRevenue(Ledger ledger, Set<String> replayed, Set<String> quarantined) {
    Map<String, long[]> orders = new TreeMap<>();
    Map<String, BigDecimal> revenue = new TreeMap<>();
    validlySent(ledger, "orders", replayed, quarantined, (key, entry) -> {
      String k = key + "/" + entry.dimensions().get("currency");
      orders.computeIfAbsent(k, x -> new long[1])[0]++;
      revenue.merge(k, new BigDecimal(entry.amount()), BigDecimal::add);
    });
    Map<String, String> expected = new TreeMap<>();
    orders.forEach((k, n) -> expected.put(k, n[0] + "|" + revenue.get(k).setScale(2, RoundingMode.UNNECESSARY).toPlainString()));
    return expected;
  }

  /** Attempts, successes and rate per payment day and method, from valid payments the producer sent. */
  public static Comparison paymentSuccess(SparkSession spark, LakeLayout lake, Ledger ledger) {
    return paymentSuccess(spark, lake, ledger, Set.of());
  }

  /** As above, counting also the events whose dead letters were replayed into Bronze. */
  public static Comparison paymentSuccess(SparkSession spark, LakeLayout lake, Ledger ledger, Set<String> replayed) {
    Map<String, long[]> counts = new TreeMap<>();
    validlySent(ledger, "payments", replayed, QuarantinedEvents.of(spark, lake, "payments"), (key, entry) -> {
      long[] c = counts.computeIfAbsent(key + "/" + entry.dimensions().get("method"), x -> new long[2]);
      c[0]++;
      c[1] += "SUCCEEDED".equals(entry.dimensions().get("status")) ? 1 : 0;
    });
    Map<String, String> expected = new TreeMap<>();
    counts.forEach((k, c) -> expected.put(k, c[0] + "|" + c[1] + "|"
        + BigDecimal.valueOf(c[1]).divide(BigDecimal.valueOf(c[0]), 4, RoundingMode.HALF_UP).toPlainString()));
    Map<String, String> actual = new TreeMap<>();
    for (Row row : gold(spark, lake, "gold_payment_success_rate", "payment_date", "method", "attempts", "successes", "success_rate")) {
      actual.put(row.getDate(0) + "/" + row.getString(1),
          row.getLong(2) + "|" + row.getLong(3) + "|" + row.getDecimal(4).toPlainString());
    }
    return new Comparison("gold_payment_success_rate_equals_ledger", expected, actual);
  }

  private static void validlySent(Ledger ledger, String topic, Set<String> replayed, Set<String> quarantined,
      BiConsumer<LocalDate, LedgerEntry> each) {
    for (LedgerEntry entry : ledger.entries()) {
      boolean valid = entry.outcomeKind() == Outcome.SENT
          || replayed.contains(entry.topic() + ":" + entry.partition() + ":" + entry.offset());
      if (topic.equals(entry.topic()) && valid && !quarantined.contains(entry.partition() + ":" + entry.offset())) {
        each.accept(LocalDate.ofInstant(Instant.parse(entry.eventTime()), ZoneOffset.UTC), entry);
      }
    }
  }

  private static java.util.List<Row> gold(SparkSession spark, LakeLayout lake, String table, String... columns) {
    return spark.read().format("delta").load(lake.table(table)).selectExpr(columns).collectAsList();
  }
}
