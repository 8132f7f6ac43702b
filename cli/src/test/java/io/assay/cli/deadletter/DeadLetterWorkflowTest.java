package io.assay.cli.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assay.cli.Assay;
import io.assay.cli.config.AssayConfig;
import io.assay.cli.config.Environment;
import io.assay.cli.it.ChildProcesses;
import io.assay.cli.report.GoldLedgerReconciliation;
import io.assay.promotion.Promotion;
import io.assay.promotion.PromotionResult;
import io.assay.promotion.lineage.PromotionLineage;
import io.assay.cli.steps.RelaxedContracts;
import io.assay.ingestion.bronze.BronzeBatchWriter;
import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.ingestion.deadletter.DeadLetterReconciliation;
import io.assay.ingestion.deadletter.DeadLetterState;
import io.assay.ingestion.deadletter.ResolutionTable;
import io.assay.ingestion.ledger.Ledger;
import io.assay.ingestion.ledger.LedgerEntry;
import io.assay.quality.GateCatalog;
import io.delta.tables.DeltaTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The on-call workflow on one lake from the real stack (broker, registry, Spark, Delta): inspect the dead
 * letters, see what a relaxed contract would recover, replay (killed with SIGKILL once, rerun, run again),
 * discard, transform, and reconcile every event against the producers' ledger.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterWorkflowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static BronzeHarness harness;
  static Ledger ledger;
  static Map<String, String> env;
  static Path relaxed;

  private record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void ingest() throws Exception {
    harness = new BronzeHarness(dir);
    ledger = Ledger.read(harness.produce(dir.resolve("ledger.jsonl"), 1_000, 0.3, 11));
    harness.drain(100_000);
    env = ChildProcesses.environment(harness, dir.resolve("data"), 100_000);
    relaxed = RelaxedContracts.write(BronzeHarness.CATALOG, dir.resolve("relaxed"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  @Order(1)
  void showRendersDecodedFieldsAndHexAndFiltersByCategoryAndTopic() throws Exception {
    assertTrue(sent(e -> "orders".equals(e.topic()) && "unknown_enum_value".equals(e.fault())).size() > 0, "the seed gives orders an unknown enum value");
    JsonNode enums = json(run(Map.of(), "dlq", "show", "--category", "INVALID_ENUM_VALUE", "--topic", "orders", "--format", "json", "--limit", "50"));
    assertEquals(sent(e -> "orders".equals(e.topic()) && "unknown_enum_value".equals(e.fault())).size(), enums.size());
    for (JsonNode record : enums) {
      assertEquals("orders", record.path("topic").asText());
      assertEquals("INVALID_ENUM_VALUE", record.path("category").asText());
      assertEquals("decoded", record.path("payload_form").asText(), record.toString());
      assertTrue(record.path("payload").asText().contains("\"order_id\": \"ORD-"), record.toString());
      assertTrue(record.path("payload").asText().contains(record.path("observed_value").asText()), "the payload shows the bad value");
      assertTrue(record.path("observed_value").asText().startsWith("UNLISTED_"), record.toString());
    }
    JsonNode corrupt = json(run(Map.of(), "dlq", "show", "--category", "DESERIALIZATION_ERROR", "--format", "json", "--limit", "500"));
    assertEquals(sent(e -> "DESERIALIZATION_ERROR".equals(e.expectedCategory())).size(), corrupt.size());
    for (JsonNode record : corrupt) {
      assertEquals("hex", record.path("payload_form").asText(), record.toString());
      assertTrue(record.path("payload").asText().matches("[0-9a-f]*(\\.\\.\\. \\(\\d+ bytes\\))?"), record.toString());
    }
    assertTrue(run(Map.of(), "dlq", "show", "--limit", "3").out().contains("payload:"), "the table form is for people");
  }

  @Test
  @Order(2)
  void summaryCountsEveryDeadLetterByCategoryAndTopicAsOpen() throws Exception {
    JsonNode summary = json(run(Map.of(), "dlq", "summary", "--format", "json"));
    Map<String, Long> expected = new TreeMap<>();
    sent(e -> e.expectedCategory() != null).forEach(e -> expected.merge(e.expectedCategory(), 1L, Long::sum));
    Map<String, Long> open = new TreeMap<>();
    summary.path("by_category").fields().forEachRemaining(f -> open.put(f.getKey(), f.getValue().path("open").asLong()));
    assertEquals(expected, open);
    assertEquals(0, summary.path("replayed").asLong());
    JsonNode payments = json(run(Map.of(), "dlq", "summary", "--topic", "payments", "--format", "json"));
    assertEquals(sent(e -> "payments".equals(e.topic()) && e.expectedCategory() != null).size(), payments.path("total").asLong());
    assertTrue(run(Map.of(), "dlq", "summary").out().contains("open"));
  }

  @Test
  @Order(3)
  void contractDiffOfAnIncompatibleSchemaExitsNonZeroWithTheRegistrysReason() throws Exception {
    Path proposed = copyOfContracts("incompatible");
    Path avsc = proposed.resolve("weather.avsc");
    Files.writeString(avsc, Files.readString(avsc).replaceFirst("\\[", "[{\"name\": \"station_id\", \"type\": \"string\"},"));
    Run run = run(Map.of(), "contract", "diff", proposed.toString(), "--format", "json");
    assertEquals(1, run.exitCode(), run.err() + run.out());
    JsonNode report = JSON.readTree(run.out());
    assertTrue(report.path("incompatible").asBoolean());
    JsonNode weather = subject(report, "weather-value");
    assertEquals("incompatible", weather.path("verdict").asText());
    assertEquals("BACKWARD", weather.path("level").asText());
    String reasons = weather.path("reasons").toString();
    assertTrue(reasons.contains("READER_FIELD_MISSING_DEFAULT") && reasons.contains("station_id"), reasons);
    assertEquals("unchanged", subject(report, "orders-value").path("verdict").asText());
    Run table = run(Map.of(), "contract", "diff", proposed.toString());
    assertTrue(table.out().contains("READER_FIELD_MISSING_DEFAULT") && table.out().contains("verdict: FAIL"), table.out());
  }

  @Test
  @Order(4)
  void contractDiffOfATightenedRuleCountsTheBronzeRowsItWouldReject() throws Exception {
    org.apache.spark.sql.Dataset<Row> payments = harness.spark.read().format("delta").load(harness.lake.bronzeTable("payments"));
    java.math.BigDecimal limit = payments.selectExpr("CAST(percentile_approx(amount, 0.5) AS DECIMAL(12,2))").head().getDecimal(0).stripTrailingZeros();
    long expected = payments.filter("event_date >= date_sub(current_date(), 7)")
        .filter(org.apache.spark.sql.functions.col("amount").gt(limit)).count();
    assertTrue(expected > 0, "the median leaves rows above it");
    Path proposed = copyOfContracts("tightened");
    Path contract = proposed.resolve("payments.contract.yaml");
    String tightened = Files.readString(contract).replaceFirst("(amount:\\s*\\{[^}]*max: )[0-9.]+", "$1" + limit.toPlainString());
    Files.writeString(contract, tightened);

    Run run = run(Map.of(), "contract", "diff", proposed.toString(), "--format", "json");
    assertEquals(1, run.exitCode(), "rejecting existing rows fails the default threshold: " + run.err());
    JsonNode report = JSON.readTree(run.out());
    assertEquals(expected, report.path("newly_rejected").asLong());
    JsonNode change = report.path("changes").get(0);
    assertEquals("payments", change.path("topic").asText());
    assertEquals("TIGHTENING", change.path("direction").asText());
    JsonNode rule = report.path("bronze").get(0).path("by_rule").get(0);
    assertEquals("amount <= " + limit.toPlainString(), rule.path("rule").asText());
    assertEquals(expected, rule.path("rows").asLong());
    assertEquals(Math.min(3, expected), rule.path("examples").size());
    assertTrue(rule.path("examples").get(0).asText().startsWith("PAY-"), rule.toString());
    assertEquals(0, run(Map.of(), "contract", "diff", proposed.toString(), "--max-reject-share", "1").exitCode(),
        "a threshold above the share lets it pass");
  }

  @Test
  @Order(5)
  void contractDiffOfARelaxedRuleCountsTheDeadLettersItWouldRecover() throws Exception {
    Run run = run(Map.of(), "contract", "diff", relaxed.toString(), "--format", "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode report = JSON.readTree(run.out());
    long stale = sent(e -> "stale_event_time".equals(e.fault())).size();
    assertEquals(stale, report.path("recovery").path("recoverable").asLong());
    assertEquals(stale, report.path("recovery").path("by_category").path("VALUE_OUT_OF_RANGE").asLong());
    assertEquals(1, report.path("recovery").path("by_category").size());
    assertEquals(0, report.path("newly_rejected").asLong());
    report.path("changes").forEach(c -> assertEquals("RELAXING", c.path("direction").asText(), c.toString()));
    assertEquals(BronzeHarness.CATALOG.topics().size(), report.path("changes").size());
  }

  @Test
  @Order(6)
  void replayKilledMidWriteAndRerunPutsEachRelaxedRecordInBronzeExactlyOnce() throws Exception {
    Set<String> stale = positions(sent(e -> "stale_event_time".equals(e.fault())));
    assertTrue(stale.size() >= 8, "enough stale events to replay in several batches: " + stale.size());
    Map<String, String> relaxedEnv = Map.of("ASSAY_CONTRACTS_DIR", relaxed.toString());
    JsonNode dry = json(run(relaxedEnv, "dlq", "replay", "--dry-run", "--format", "json"));
    assertEquals(stale.size(), dry.path("recovered").asLong(), "a dry run counts exactly the stale events");
    assertEquals(0, replayedInBronze().size(), "a dry run writes nothing");

    Map<String, String> childEnv = new HashMap<>(env);
    childEnv.putAll(relaxedEnv);
    Path log = dir.resolve("replay-child.log");
    // Stale events are VALUE_OUT_OF_RANGE dead letters: three batches of them, killed after the first.
    Process child = ChildProcesses.assay(childEnv, log, "dlq", "replay", "--category", "VALUE_OUT_OF_RANGE", "--batch-size", "30");
    Path resolutionLog = Path.of(harness.lake.table(ResolutionTable.NAME), "_delta_log");
    long deadline = System.currentTimeMillis() + 900_000;
    while (commits(resolutionLog) < 2 && child.isAlive() && System.currentTimeMillis() < deadline) { // created, batch 0
      Thread.sleep(100);
    }
    assertTrue(child.isAlive(), () -> "the replay finished or died before it could be killed:\n" + ChildProcesses.tailOrNote(log));
    Thread.sleep(new java.util.Random(7).nextInt(1_500)); // somewhere inside a later batch's writes
    child.destroyForcibly();
    child.waitFor();
    long closedBeforeRerun = closedAs(ResolutionTable.REPLAYED);
    assertTrue(closedBeforeRerun > 0 && closedBeforeRerun < stale.size(), "killed mid-replay: " + closedBeforeRerun + " of " + stale.size());

    JsonNode rerun = json(run(relaxedEnv, "dlq", "replay", "--format", "json"));
    assertEquals(stale.size() - closedBeforeRerun, rerun.path("recovered").asLong(), "the rerun closes what the killed run left open");
    List<String> replayed = replayedInBronze();
    assertEquals(stale, new TreeSet<>(replayed), "Bronze gained exactly the stale events, by Kafka position");
    assertEquals(stale.size(), replayed.size(), "each of them once");
    assertEquals(stale.size(), closedAs(ResolutionTable.REPLAYED));

    long bronzeRows = bronzeRows();
    JsonNode again = json(run(relaxedEnv, "dlq", "replay", "--format", "json"));
    assertEquals(0, again.path("recovered").asLong());
    assertEquals(0, again.path("inserted_into_bronze").asLong());
    assertEquals(bronzeRows, bronzeRows(), "a second replay adds nothing");
  }

  @Test
  @Order(7)
  void recordsThatStillFailStayOpenWithTheViolationFoundNow() {
    List<Row> open = DeadLetterState.load(harness.spark, harness.lake).filter("status = 'open'").collectAsList();
    assertEquals(sent(e -> e.expectedCategory() != null).size() - positions(sent(e -> "stale_event_time".equals(e.fault()))).size(), open.size());
    for (Row row : open) {
      assertTrue(row.getAs("last_attempt_run_id") != null, "every open record was retried: " + row);
      assertEquals((String) row.getAs("category"), row.getAs("new_category"), "same fault, same category: " + row);
    }
    List<Row> future = open.stream().filter(r -> "VALUE_OUT_OF_RANGE".equals(r.getAs("category"))
        && String.valueOf(r.<String>getAs("rule")).contains(" within [now - ")).toList();
    assertFalse(future.isEmpty(), "future event times are still rejected");
    future.forEach(r -> assertTrue(r.<String>getAs("new_rule").contains("PT720H"), "the new violation names the relaxed window: " + r));
  }

  @Test
  @Order(8)
  void discardMarksTheRecordsAndLeavesBronzeUntouched() throws Exception {
    Map<String, Long> versions = bronzeVersions();
    long corrupt = sent(e -> "DESERIALIZATION_ERROR".equals(e.expectedCategory())).size();
    Run discard = run(Map.of(), "dlq", "discard", "--category", "DESERIALIZATION_ERROR", "--reason", "unreadable bytes from a retired producer");
    assertEquals(0, discard.exitCode(), discard.err());
    assertTrue(discard.out().contains(corrupt + " open dead letters marked discarded"), discard.out());
    assertEquals(versions, bronzeVersions(), "Bronze is not touched");
    List<Row> discarded = DeadLetterState.load(harness.spark, harness.lake).filter("status = 'discarded'").collectAsList();
    assertEquals(corrupt, discarded.size());
    discarded.forEach(r -> assertEquals("unreadable bytes from a retired producer", r.getAs("resolution_reason")));
    assertTrue(run(Map.of(), "dlq", "discard", "--category", "DESERIALIZATION_ERROR", "--reason", "again").out()
        .contains(" 0 open dead letters"), "discarding twice closes nothing more");
    Run noReason = run(Map.of(), "dlq", "discard", "--category", "UNKNOWN_SCHEMA");
    assertEquals(2, noReason.exitCode(), "a reason is required");
  }

  @Test
  @Order(9)
  void transformCarriesReplayedEventsThroughTheGatesToGoldAndEveryEventIsAccountedFor() {
    PromotionResult result = new Promotion(harness.spark, harness.lake, "run-after-replay", GateCatalog.fromClasspath(), Clock.systemUTC(),
        PromotionLineage.disabled(harness.lake)).transform();
    assertEquals(Optional.empty(), result.haltedAt(), String.join("\n", result.summaryLines()));
    result.countsByLayer().forEach((layer, counts) -> assertEquals(0L, counts.get("failed"), layer));

    Map<String, String> silverKey = Map.of("orders", "order_id", "payments", "payment_id", "clickstream", "event_id", "weather", "reading_id");
    for (Map.Entry<String, String> table : silverKey.entrySet()) {
      Set<String> staleIds = sent(e -> table.getKey().equals(e.topic()) && "stale_event_time".equals(e.fault())).stream()
          .map(LedgerEntry::eventId).collect(Collectors.toCollection(TreeSet::new));
      Set<String> inSilver = harness.spark.read().format("delta").load(harness.lake.table("silver_" + table.getKey()))
          .select(table.getValue()).distinct().collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
      assertTrue(inSilver.containsAll(staleIds), "silver_" + table.getKey() + " has the replayed events " + staleIds);
    }

    DeadLetterReconciliation.Result reconciled = DeadLetterReconciliation.reconcile(harness.spark, BronzeHarness.CATALOG, harness.lake, ledger);
    assertEquals(List.of(), reconciled.mismatches(), reconciled.byTopic().toString());
    assertEquals(positions(sent(e -> "stale_event_time".equals(e.fault()))), reconciled.replayedPositions());
    for (GoldLedgerReconciliation.Comparison gold : List.of(
        GoldLedgerReconciliation.revenue(harness.spark, harness.lake, ledger, reconciled.replayedPositions()),
        GoldLedgerReconciliation.paymentSuccess(harness.spark, harness.lake, ledger, reconciled.replayedPositions()))) {
      assertEquals(gold.expected(), gold.actual(), gold.check());
    }
    long staleOrders = sent(e -> "orders".equals(e.topic()) && "stale_event_time".equals(e.fault())).size();
    assertTrue(staleOrders > 0 && !GoldLedgerReconciliation.revenue(harness.spark, harness.lake, ledger).matches(),
        "Gold counts the replayed orders: without them the ledger would not match");
  }

  private static Path copyOfContracts(String name) throws Exception {
    Path copy = Files.createDirectories(dir.resolve(name));
    for (Map.Entry<String, String> file : BronzeHarness.CATALOG.sourceFiles().entrySet()) {
      Files.writeString(copy.resolve(file.getKey()), file.getValue());
    }
    return copy;
  }

  private static JsonNode subject(JsonNode report, String subject) {
    for (JsonNode s : report.path("subjects")) {
      if (subject.equals(s.path("subject").asText())) {
        return s;
      }
    }
    throw new AssertionError("no subject " + subject + " in " + report.path("subjects"));
  }

  private static Run run(Map<String, String> extraEnv, String... args) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(extraEnv);
    CommandLine commandLine = Assay.commandLine(AssayConfig.from(Environment.of(all)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static JsonNode json(Run run) throws Exception {
    assertEquals(0, run.exitCode(), run.err());
    return JSON.readTree(run.out());
  }

  private static List<LedgerEntry> sent(Predicate<LedgerEntry> which) {
    return ledger.entries().stream().filter(e -> e.outcomeKind().inKafka()).filter(which).toList();
  }

  private static Set<String> positions(List<LedgerEntry> entries) {
    return entries.stream().map(e -> DeadLetterReconciliation.position(e.topic(), e.partition(), e.offset()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> replayedInBronze() {
    List<String> positions = new java.util.ArrayList<>();
    for (String topic : BronzeHarness.CATALOG.topics()) {
      harness.spark.read().format("delta").load(harness.lake.bronzeTable(topic))
          .filter(org.apache.spark.sql.functions.col(BronzeBatchWriter.REPLAY_RUN_COLUMN).isNotNull())
          .select("_source_topic", "_source_partition", "_source_offset").collectAsList()
          .forEach(r -> positions.add(DeadLetterReconciliation.position(r.getString(0), r.getInt(1), r.getLong(2))));
    }
    return positions;
  }

  private static long bronzeRows() {
    return BronzeHarness.CATALOG.topics().stream()
        .mapToLong(t -> harness.spark.read().format("delta").load(harness.lake.bronzeTable(t)).count()).sum();
  }

  private static Map<String, Long> bronzeVersions() {
    Map<String, Long> versions = new TreeMap<>();
    for (String topic : BronzeHarness.CATALOG.topics()) {
      versions.put(topic, DeltaTable.forPath(harness.spark, harness.lake.bronzeTable(topic)).history(1).select("version").head().getLong(0));
    }
    return versions;
  }

  private static long closedAs(String resolution) {
    return DeadLetterState.load(harness.spark, harness.lake).filter(org.apache.spark.sql.functions.col("status").equalTo(resolution)).count();
  }

  private static long commits(Path deltaLog) {
    String[] names = deltaLog.toFile().list((d, name) -> name.matches("\\d+\\.json"));
    return names == null ? 0 : names.length;
  }
}
