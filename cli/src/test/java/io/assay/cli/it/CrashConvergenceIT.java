package io.assay.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.cli.report.GoldLedgerReconciliation;
import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.ingestion.bronze.BronzeReconciliation;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.ledger.Ledger;
import io.assay.lake.CrashPoint;
import io.assay.lake.LakeLayout;
import io.assay.lake.LineageSettings;
import io.assay.promotion.Promotion;
import io.assay.promotion.PromotionResult;
import io.assay.stack.kafka.BrokerSettings;
import io.assay.stack.kafka.EmbeddedKafkaBroker;
import io.assay.stack.registry.SchemaRegistryServer;
import io.delta.tables.DeltaTable;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes anywhere converge, on one produced dataset (issue 11). First the streaming job keeps
 * running in its own JVM while the broker under it is killed (SIGKILL) and started again on the same
 * port and log folder, then while the schema registry is stopped and started again on the same port
 * and data folder: the job reads every record, and Bronze and the dead letters reconcile exactly with
 * the ledger. Then, on that lake, {@code assay transform} in a JVM of its own is stopped dead
 * ({@link CrashPoint}: Runtime.halt, as SIGKILL) at six points between staging, gates, the quarantine
 * write, the table writes and the layer's state commit, one after the other on one copy, and rerun: the copy ends with
 * Silver, Gold and the quarantine table equal to an uninterrupted run's on another copy, and Gold
 * equal to the ledger less exactly the quarantined payments (two UPI payments outside rupees are
 * planted, so the quarantine path crashes and converges too).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashConvergenceIT {
  private static final long EVENTS = 3_200;
  private static final long PER_BATCH = 400;
  private static final List<String> KILL_POINTS = List.of(
      "silver.staged", "silver.quarantined", "silver_payments.written", "silver_orders.committed",
      "gold.gated", "gold_daily_order_revenue.written");
  /** Columns that differ between runs by design: who set a row aside and when, and the gate counts of the day. */
  private static final Map<String, String> RUN_COLUMNS = Map.of(
      "silver_payments_quarantine", "_quarantine_run_id,_quarantined_at",
      "gold_pipeline_health", "gate_checks_passed,gate_checks_warned,gate_checks_failed");
  private static final List<String> COMPARED = List.of("silver_orders", "silver_clickstream", "silver_payments",
      "silver_weather", "silver_dlq_audit", "silver_payments_quarantine", "gold_daily_order_revenue",
      "gold_payment_success_rate", "gold_pipeline_health");

  @TempDir static Path dir;
  static BronzeHarness harness;
  static Path ledgerFile;
  static Map<String, Long> inKafka;

  @BeforeAll
  static void produce() {
    long started = System.nanoTime();
    harness = new BronzeHarness(dir);
    ledgerFile = harness.produce(dir.resolve("ledger.jsonl"), EVENTS, 0.05, 41);
    inKafka = TopicOffsets.messageCounts(harness.kafka, BronzeHarness.CATALOG.topics());
    System.out.printf("CrashConvergenceIT: stack + produce %d s%n", seconds(started));
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  @Order(1)
  void brokerAndRegistryRestartsUnderTheRunningJobLoseAndDuplicateNothing() throws Exception {
    long started = System.nanoTime();
    EmbeddedKafkaBroker restartedBroker = null;
    SchemaRegistryServer restartedRegistry = null;
    File commits = Path.of(harness.lake.checkpoint("assay-bronze"), "commits").toFile();
    long total = inKafka.values().stream().mapToLong(Long::longValue).sum();
    Path log = dir.resolve("ingest.log");
    Process job = ChildProcesses.assay(ChildProcesses.environment(harness, dir.resolve("child"), PER_BATCH), log,
        "ingest", "--trigger", "500ms");
    try {
      awaitBatches(commits, 1, job, log);
      int port = harness.stack.broker().port();
      harness.stack.broker().kill();
      Thread.sleep(3_000); // the job meets a dead broker for a while
      assertTrue(job.isAlive(), () -> "the job died when the broker did:\n" + tail(log));
      restartedBroker = EmbeddedKafkaBroker.start(new BrokerSettings(port, controllerPort(), dir.resolve("stack"), 2));
      awaitBatches(commits, committedBatches(commits) + 2, job, log);
      assertTrue(consumed(commits) < total, "the registry restarts mid-stream: " + consumed(commits) + " of " + total);
      System.out.printf("CrashConvergenceIT: broker killed and restarted, %d s in%n", seconds(started));

      int registryPort = harness.stack.registry().port();
      harness.stack.registry().close();
      Thread.sleep(2_000);
      restartedRegistry = SchemaRegistryServer.start(registryPort, dir.resolve("stack").resolve("registry"));
      long deadline = System.currentTimeMillis() + 600_000; // a loaded 2-core machine is slow, not stuck
      while (consumed(commits) < total && job.isAlive() && System.currentTimeMillis() < deadline) {
        Thread.sleep(500);
      }
      assertTrue(job.isAlive(), () -> "the job died:\n" + tail(log));
      assertEquals(total, consumed(commits), "the running job read every record");
    } finally {
      job.destroyForcibly();
      job.waitFor();
      if (restartedRegistry != null) {
        restartedRegistry.close();
      }
      if (restartedBroker != null) {
        restartedBroker.close();
      }
    }
    BronzeReconciliation.Result result = BronzeReconciliation.reconcile(harness.spark, BronzeHarness.CATALOG, harness.lake,
        ledgerFile, inKafka);
    // pipeline_metrics is a second streaming query that was killed with the job, so it may lag the
    // last batches; its catch-up after a crash is BronzeCrashIT's subject, not this test's.
    assertEquals(List.of(), result.mismatches().stream()
        .filter(m -> !m.toString().contains("pipeline_metrics_sum_to_bronze_and_dead_letters")).toList());
    assertEquals(total, result.bronzeRows().values().stream().mapToLong(Long::longValue).sum() + result.deadLetters());
    System.out.printf("CrashConvergenceIT: ingest through a broker and a registry restart %d s%n", seconds(started));
  }

  @Test
  @Order(2)
  void transformKilledAtSixPointsConvergesOnRerun() throws Exception {
    String payments = harness.lake.bronzeTable("payments");
    long paymentRows = harness.spark.read().format("delta").load(payments).count();
    assertTrue(paymentRows >= 200, "two quarantined payments stay within max_quarantine_ratio 0.01: " + paymentRows);
    List<String> upi = harness.spark.read().format("delta").load(payments).filter("method = 'card'")
        .orderBy("payment_id").limit(2).select("payment_id").collectAsList().stream().map(r -> r.getString(0)).toList();
    DeltaTable.forPath(harness.spark, payments).updateExpr("payment_id IN ('" + String.join("', '", upi) + "')",
        Map.of("method", "'upi'", "currency", "'USD'"));
    Ledger ledger = Ledger.read(ledgerFile);

    long referenceStarted = System.nanoTime();
    LakeLayout reference = copy(harness.lake, dir.resolve("lake-reference"));
    PromotionResult clean = Promotion.forLake(harness.spark, reference, "reference", LineageSettings.disabled()).transform();
    assertEquals(Optional.empty(), clean.haltedAt(), String.join("\n", clean.summaryLines()));
    assertEquals(Map.of("silver_payments", Map.of("upi_settles_rupees", 2L)), clean.quarantined());
    Map<String, List<String>> expected = snapshot(harness, reference);
    assertEquals(upi, harness.spark.read().format("delta").load(reference.table("silver_payments_quarantine"))
        .select("payment_id").orderBy("payment_id").collectAsList().stream().map(r -> r.getString(0)).toList());
    assertGoldEqualsLedger(harness, reference, ledger);
    assertEquals(2L, harness.spark.read().format("delta").load(reference.table("quality_results"))
        .filter("check_name = 'upi_settles_rupees' AND status = 'PASSED'").select("quarantined_rows").head().getLong(0));
    assertEquals(Map.of("silver_payments_quarantine", Map.of("rows", 2L, "upi_settles_rupees", 2L)),
        Promotion.forLake(harness.spark, reference, "gate-only", LineageSettings.disabled()).quarantineHeld(List.of("silver")), "what `assay gate` prints");
    System.out.printf("CrashConvergenceIT: uninterrupted run %d s%n", seconds(referenceStarted));

    // One lake, crashed at each point in pipeline order: every run resumes what the crashed one left
    // (so each point is reached: nothing it writes was committed before), one child JVM per point.
    LakeLayout lake = copy(harness.lake, dir.resolve("lake-crashed"));
    for (String point : KILL_POINTS) {
      long pointStarted = System.nanoTime();
      Map<String, String> env = new LinkedHashMap<>(ChildProcesses.environment(harness, dir.resolve("child"), 100_000));
      env.put("ASSAY_LAKE_ROOT", lake.root());
      env.put("ASSAY_CHECKPOINT_ROOT", lake.checkpointRoot());
      env.put(CrashPoint.ENV, point);
      Path log = dir.resolve("transform-" + point + ".log");
      int exit = ChildProcesses.await(ChildProcesses.assay(env, log, "transform"), 10, log);
      assertEquals(CrashPoint.EXIT_CODE, exit, () -> point + " was not reached:\n" + tail(log));
      assertTrue(Files.readString(log).contains("crash point " + point + " reached"), () -> tail(log));
      System.out.printf("CrashConvergenceIT: killed at %s after %d s%n", point, seconds(pointStarted));
    }

    long rerunStarted = System.nanoTime();
    PromotionResult rerun = Promotion.forLake(harness.spark, lake, "rerun", LineageSettings.disabled()).transform();
    assertEquals(Optional.empty(), rerun.haltedAt(), () -> String.join("\n", rerun.summaryLines()));
    Map<String, List<String>> actual = snapshot(harness, lake);
    for (String table : COMPARED) {
      assertEquals(expected.get(table), actual.get(table), table + " differs from the uninterrupted run");
    }
    assertGoldEqualsLedger(harness, lake, ledger);
    System.out.printf("CrashConvergenceIT: rerun + compare %d s%n", seconds(rerunStarted));
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

  /** The controller port the first start chose, so the restarted broker is the same KRaft voter. */
  private static int controllerPort() throws Exception {
    Matcher voters = Pattern.compile("controller\\.quorum\\.voters=1@127\\.0\\.0\\.1:(\\d+)")
        .matcher(Files.readString(dir.resolve("stack").resolve("kafka").resolve("server.properties")));
    assertTrue(voters.find(), "server.properties names the controller");
    return Integer.parseInt(voters.group(1));
  }

  private static void awaitBatches(File commits, long batches, Process job, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + 600_000; // a loaded 2-core machine is slow, not stuck
    while (committedBatches(commits) < batches && job.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(job.isAlive(), () -> "the job died:\n" + tail(log));
    assertTrue(committedBatches(commits) >= batches, "batches committed: " + committedBatches(commits) + " of " + batches);
  }

  /**
   * Records the job has committed: the sum of the end offsets of its last committed batch (the
   * fresh topics start at offset 0 and are written without transactions, so offsets count records).
   */
  private static long consumed(File commits) throws Exception {
    String[] names = commits.list((d, name) -> name.matches("\\d+"));
    if (names == null || names.length == 0) {
      return 0;
    }
    long last = java.util.Arrays.stream(names).mapToLong(Long::parseLong).max().orElseThrow();
    List<String> lines = Files.readAllLines(commits.toPath().resolveSibling("offsets").resolve(Long.toString(last)));
    Matcher offset = Pattern.compile("\"\\d+\":(\\d+)").matcher(lines.get(lines.size() - 1));
    long sum = 0;
    while (offset.find()) {
      sum += Long.parseLong(offset.group(1));
    }
    return sum;
  }

  private static long committedBatches(File commits) {
    String[] names = commits.list((d, name) -> name.matches("\\d+"));
    return names == null ? 0 : names.length;
  }

  private static String tail(Path log) {
    try {
      return ChildProcesses.tail(log);
    } catch (Exception e) {
      return "(no log)";
    }
  }
}
