package io.assay.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.cli.report.GoldLedgerReconciliation;
import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.ingestion.ledger.Ledger;
import io.assay.lake.CrashPoint;
import io.assay.lake.LakeLayout;
import io.assay.promotion.Promotion;
import io.assay.promotion.PromotionResult;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay transform} in a JVM of its own, stopped dead ({@link CrashPoint}: Runtime.halt, as
 * SIGKILL) at six points between staging, gates, the quarantine write and single models' commits,
 * each on its own copy of one ingested lake, then rerun: every copy ends with Silver, Gold and the
 * quarantine table equal to an uninterrupted run's, and Gold equal to the ledger less exactly the
 * quarantined payments. The data holds two UPI payments outside rupees, so the quarantine path
 * crashes and converges too.
 */
class TransformCrashIT {
  private static final List<String> KILL_POINTS = List.of(
      "silver.staged", "silver.quarantined", "silver_orders.committed", "silver_payments.written",
      "gold.gated", "gold_daily_order_revenue.written");
  /** Columns that differ between runs by design: who set a row aside and when, and the gate counts of the day. */
  private static final Map<String, String> RUN_COLUMNS = Map.of(
      "silver_payments_quarantine", "_quarantine_run_id,_quarantined_at",
      "gold_pipeline_health", "gate_checks_passed,gate_checks_warned,gate_checks_failed");
  private static final List<String> COMPARED = List.of("silver_orders", "silver_clickstream", "silver_payments",
      "silver_weather", "silver_dlq_audit", "silver_payments_quarantine", "gold_daily_order_revenue",
      "gold_payment_success_rate", "gold_pipeline_health");

  @TempDir Path dir;

  @Test
  void transformKilledAtSixPointsConvergesOnRerun() throws Exception {
    try (BronzeHarness harness = new BronzeHarness(dir)) {
      long started = System.nanoTime();
      Path ledgerFile = harness.produce(dir.resolve("ledger.jsonl"), 1600, 0.05, 41);
      harness.drain(100_000);
      String payments = harness.lake.bronzeTable("payments");
      long paymentRows = harness.spark.read().format("delta").load(payments).count();
      assertTrue(paymentRows >= 200, "two quarantined payments stay within max_quarantine_ratio 0.01: " + paymentRows);
      List<String> upi = harness.spark.read().format("delta").load(payments).filter("method = 'card'")
          .orderBy("payment_id").limit(2).select("payment_id").collectAsList().stream().map(r -> r.getString(0)).toList();
      DeltaTable.forPath(harness.spark, payments).updateExpr("payment_id IN ('" + String.join("', '", upi) + "')",
          Map.of("method", "'upi'", "currency", "'USD'"));
      System.out.printf("TransformCrashIT: produce + ingest %d s%n", seconds(started));
      Ledger ledger = Ledger.read(ledgerFile);

      long referenceStarted = System.nanoTime();
      LakeLayout reference = copy(harness.lake, dir.resolve("lake-reference"));
      PromotionResult clean = Promotion.forLake(harness.spark, reference, "reference").transform();
      assertEquals(Optional.empty(), clean.haltedAt(), String.join("\n", clean.summaryLines()));
      assertEquals(Map.of("silver_payments", Map.of("upi_settles_rupees", 2L)), clean.quarantined());
      Map<String, List<String>> expected = snapshot(harness, reference);
      assertEquals(upi, harness.spark.read().format("delta").load(reference.table("silver_payments_quarantine"))
          .select("payment_id").orderBy("payment_id").collectAsList().stream().map(r -> r.getString(0)).toList());
      assertGoldEqualsLedger(harness, reference, ledger);
      System.out.printf("TransformCrashIT: uninterrupted run %d s%n", seconds(referenceStarted));

      for (String point : KILL_POINTS) {
        long pointStarted = System.nanoTime();
        LakeLayout lake = copy(harness.lake, dir.resolve("lake-" + point));
        Map<String, String> env = new LinkedHashMap<>(ChildProcesses.environment(harness, dir.resolve("child-" + point), 100_000));
        env.put("ASSAY_LAKE_ROOT", lake.root());
        env.put("ASSAY_CHECKPOINT_ROOT", lake.checkpointRoot());
        env.put(CrashPoint.ENV, point);
        Path log = dir.resolve("transform-" + point + ".log");
        int exit = ChildProcesses.await(ChildProcesses.assay(env, log, "transform"), 10, log);
        assertEquals(CrashPoint.EXIT_CODE, exit, () -> point + " was not reached:\n" + tail(log));
        assertTrue(Files.readString(log).contains("crash point " + point + " reached"), () -> tail(log));
        long killed = seconds(pointStarted);

        PromotionResult rerun = Promotion.forLake(harness.spark, lake, "rerun-" + point).transform();
        assertEquals(Optional.empty(), rerun.haltedAt(), () -> point + ":\n" + String.join("\n", rerun.summaryLines()));
        Map<String, List<String>> actual = snapshot(harness, lake);
        for (String table : COMPARED) {
          assertEquals(expected.get(table), actual.get(table), point + ": " + table + " differs from the uninterrupted run");
        }
        assertGoldEqualsLedger(harness, lake, ledger);
        System.out.printf("TransformCrashIT: %s: killed child %d s, rerun + compare %d s%n", point, killed,
            seconds(pointStarted) - killed);
      }
    }
  }

  private static void assertGoldEqualsLedger(BronzeHarness harness, LakeLayout lake, Ledger ledger) {
    for (GoldLedgerReconciliation.Comparison comparison : List.of(
        GoldLedgerReconciliation.revenue(harness.spark, lake, ledger),
        GoldLedgerReconciliation.paymentSuccess(harness.spark, lake, ledger))) {
      assertTrue(comparison.matches(), comparison.check() + ": expected " + comparison.expected() + " got " + comparison.actual());
    }
  }

  /** Every compared table as sorted rows, without the columns that name a run. */
  private static Map<String, List<String>> snapshot(BronzeHarness harness, LakeLayout lake) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String table : COMPARED) {
      org.apache.spark.sql.Dataset<Row> rows = harness.spark.read().format("delta").load(lake.table(table));
      for (String column : RUN_COLUMNS.getOrDefault(table, "").split(",")) {
        rows = column.isEmpty() ? rows : rows.drop(column);
      }
      tables.put(table, rows.collectAsList().stream().map(Row::toString).sorted().toList());
    }
    return tables;
  }

  /** A copy of the ingested lake's tables (not its checkpoints, which transform does not read). */
  private static LakeLayout copy(LakeLayout source, Path target) throws Exception {
    Path from = Path.of(source.root());
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = target.resolve(from.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
    return new LakeLayout(target.toString(), target.resolveSibling(target.getFileName() + "-checkpoints").toString());
  }

  private static long seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000_000L;
  }

  private static String tail(Path log) {
    try {
      return ChildProcesses.tail(log);
    } catch (Exception e) {
      return "(no log)";
    }
  }
}
