package io.assay.promotion;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.lake.LakeLayout;
import io.assay.quality.CheckOutcome;
import io.assay.quality.CheckStatus;
import io.assay.promotion.lineage.PromotionLineage;
import io.assay.quality.GateCatalog;
import io.assay.quality.GateReport;
import io.assay.transformations.Model;
import io.assay.transformations.ModelCatalog;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractValidator;
import io.assay.schemas.wire.EventSerializer;
import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bronze → Silver → Gold on real data from the real stack, every promotion behind its gate: a clean run
 * promotes everything; an event breaking a contract's record rule is dead-lettered at ingest and Silver
 * still promotes; a violation forced into Silver's staging, or into Bronze, halts the run naming the
 * check, and the Silver and Gold tables keep their Delta versions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatedPromotionTest {
  @TempDir static Path dir;
  static BronzeHarness harness;

  @BeforeAll
  static void ingest() throws Exception {
    harness = new BronzeHarness(dir);
    harness.produce(dir.resolve("ledger-1.jsonl"), 800, 0.1, 5);
    harness.drain(100_000);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private Promotion promotion(String runId) {
    return new Promotion(harness.spark, harness.lake, runId, GateCatalog.fromClasspath(), Clock.systemUTC(),
        PromotionLineage.disabled(harness.lake));
  }

  @Test
  @Order(1)
  void cleanDataIsPromotedThroughEveryGate() {
    PromotionResult result = promotion("run-clean").transform();
    assertEquals(Optional.empty(), result.haltedAt(), String.join("\n", result.summaryLines()));
    assertEquals(List.of("bronze", "silver", "gold"), List.copyOf(result.countsByLayer().keySet()));
    result.countsByLayer().forEach((layer, counts) -> assertEquals(0L, counts.get("failed"), layer));
    assertTrue(result.countsByLayer().values().stream().mapToLong(c -> c.get("run")).sum() >= 75);
    for (String table : modelTables()) {
      assertTrue(DeltaTable.isDeltaTable(harness.spark, path(table)), table + " was committed");
    }
    assertTrue(harness.spark.read().format("delta").load(path("quality_results"))
        .filter("run_id = 'run-clean'").count() >= 75, "every outcome is a row in quality_results");
  }

  /**
   * Issue 11: a payment whose every field keeps its rule but that succeeded with a failure reason used
   * to reach Bronze and halt Silver for everyone; the contract's record rule now dead-letters it at ingest.
   */
  @Test
  @Order(2)
  void successWithAFailureReasonIsDeadLetteredByItsRuleAndSilverStillPromotes() throws Exception {
    Contract payments = BronzeHarness.CATALOG.forTopic("payments");
    GenericRecord payment = new GenericData.Record(payments.schema());
    payment.put("payment_id", "PAY-00000000C0DE");
    payment.put("order_id", "ORD-00000000C0DE");
    payment.put("customer_id", "CUST-000001");
    payment.put("payment_ts", Instant.now().toString());
    payment.put("method", "card");
    payment.put("status", "SUCCEEDED");
    payment.put("amount", new BigDecimal("12.34"));
    payment.put("currency", "EUR");
    payment.put("failure_reason", "card_declined");
    Contract fieldRulesOnly = new Contract(payments.topic(), payments.schema(), payments.keyField(), payments.eventTime(),
        payments.amountField(), payments.ledgerDimensions(), payments.fields());
    assertEquals(List.of(), new ContractValidator(fieldRulesOnly, Clock.systemUTC()).validate(payment), "every field keeps its own rules");
    Properties props = harness.kafka.clientProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    RecordMetadata sent;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      sent = producer.send(new ProducerRecord<>("payments", "PAY-00000000C0DE",
          new EventSerializer(harness.schemaIds).serialize(payments, payment))).get();
    }
    harness.drain(100_000);

    List<Row> deadLetters = harness.spark.read().format("delta").load(harness.lake.table(LakeLayout.DLQ_TABLE))
        .filter("source_topic = 'payments' AND source_partition = " + sent.partition() + " AND source_offset = " + sent.offset())
        .filter("rule = 'successes_have_no_reason'")
        .select("category", "field", "observed_value", "detail").collectAsList();
    assertEquals(1, deadLetters.size(), deadLetters::toString);
    assertEquals("INVALID_ENUM_VALUE", deadLetters.get(0).getString(0));
    assertEquals("status, failure_reason", deadLetters.get(0).getString(1));
    assertEquals("status=SUCCEEDED, failure_reason=card_declined", deadLetters.get(0).getString(2));
    assertTrue(deadLetters.get(0).getString(3).contains("violates successes_have_no_reason"), deadLetters.get(0).getString(3));
    assertEquals(0, harness.spark.read().format("delta").load(harness.lake.bronzeTable("payments"))
        .filter("payment_id = 'PAY-00000000C0DE'").count(), "not in Bronze");

    PromotionResult result = promotion("run-rule").transform();
    assertEquals(Optional.empty(), result.haltedAt(), String.join("\n", result.summaryLines()));
    List<CheckOutcome> gateCheck = result.reports().stream().filter(r -> r.table().equals("silver_payments"))
        .flatMap(r -> r.outcomes().stream()).filter(o -> o.checkName().equals("successes_have_no_reason")).toList();
    assertEquals(List.of(CheckStatus.PASSED), gateCheck.stream().map(CheckOutcome::status).toList(), "the gate kept its check");
  }

  /**
   * Issue 11: a UPI payment outside rupees breaks silver_payments' shipped quarantine check. Three of
   * them among a run's new payments are more than its max_quarantine_ratio (0.01): the gate halts and
   * nothing changes, not even the quarantine table.
   */
  @Test
  @Order(3)
  void quarantineAboveItsMaximumShareHaltsAndChangesNothing() throws Exception {
    harness.produce(dir.resolve("ledger-q.jsonl"), 400, 0.0, 7);
    harness.drain(100_000);
    bronze("payments").filter("method = 'card'").limit(3)
        .withColumn("payment_id", org.apache.spark.sql.functions.expr("concat('PAY-00000000F00', CAST(monotonically_increasing_id() % 10 AS STRING))"))
        .withColumn("_source_offset", org.apache.spark.sql.functions.expr("_source_offset + 1000000"))
        .withColumn("method", lit("upi")).withColumn("currency", lit("USD"))
        .write().format("delta").mode("append").save(harness.lake.bronzeTable("payments"));
    assertEquals(3, bronze("payments").filter("method = 'upi' AND currency <> 'INR'").count(), "three distinct bad payments");
    Map<String, Long> before = versions();

    PromotionResult result = promotion("run-quarantine-halt").transform();

    assertEquals(Optional.of("silver"), result.haltedAt(), String.join("\n", result.summaryLines()));
    assertEquals(List.of("upi_settles_rupees"), failedChecks(result, "silver_payments"));
    CheckOutcome outcome = outcome(result, "silver_payments", "upi_settles_rupees");
    assertEquals(3, outcome.quarantinedRows());
    assertTrue(outcome.message().contains("more than max_quarantine_ratio 0.01"), outcome.message());
    assertEquals(before, versions(), "Silver and Gold keep their Delta versions");
    assertFalse(DeltaTable.isDeltaTable(harness.spark, path("silver_payments_quarantine")), "nothing set aside");
    assertEquals(3L, harness.spark.read().format("delta").load(path("quality_results"))
        .filter("run_id = 'run-quarantine-halt' AND check_name = 'upi_settles_rupees' AND status = 'FAILED'")
        .select("quarantined_rows").head().getLong(0));
  }

  /**
   * The same staged rows under a gate allowing a larger share (the shipped files with only
   * max_quarantine_ratio raised): the three are set aside with the check's name, every other new
   * payment is promoted, the outcome counts them, and a rerun changes nothing.
   */
  @Test
  @Order(4)
  void quarantineWithinItsShareSetsTheRowsAsideAndPromotesTheRest() throws Exception {
    Path checks = dir.resolve("checks-q");
    copyShippedChecks(checks);
    Path payments = checks.resolve("silver/silver_payments.yaml");
    String yaml = Files.readString(payments);
    assertTrue(yaml.contains("max_quarantine_ratio: 0.01"));
    Files.writeString(payments, yaml.replace("max_quarantine_ratio: 0.01", "max_quarantine_ratio: 0.2"));
    List<String> bad = bronze("payments").filter("method = 'upi' AND currency <> 'INR'").select("payment_id")
        .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    long silverBefore = silver("silver_payments").count();
    long newGood = bronze("payments").select("payment_id").distinct().count() - silverBefore - bad.size();
    assertTrue(newGood > 20, "new payments to promote: " + newGood);

    PromotionResult result = new Promotion(harness.spark, harness.lake, "run-quarantine", GateCatalog.load(checks), Clock.systemUTC(),
        PromotionLineage.disabled(harness.lake))
        .transform();

    assertEquals(Optional.empty(), result.haltedAt(), String.join("\n", result.summaryLines()));
    assertEquals(Map.of("silver_payments", Map.of("upi_settles_rupees", 3L)), result.quarantined());
    CheckOutcome outcome = outcome(result, "silver_payments", "upi_settles_rupees");
    assertEquals(CheckStatus.PASSED, outcome.status());
    assertEquals(3, outcome.quarantinedRows());
    assertTrue(String.join("\n", result.summaryLines()).contains("QUARANTINED silver_payments.upi_settles_rupees: 3 rows"),
        String.join("\n", result.summaryLines()));
    List<Row> held = silver("silver_payments_quarantine").selectExpr("payment_id", "_quarantine_checks", "_quarantine_run_id")
        .orderBy("payment_id").collectAsList();
    assertEquals(bad, held.stream().map(r -> r.getString(0)).toList());
    held.forEach(r -> assertEquals(List.of("upi_settles_rupees"), r.getList(1)));
    held.forEach(r -> assertEquals("run-quarantine", r.getString(2)));
    assertEquals(0, silver("silver_payments").filter("method = 'upi' AND currency <> 'INR'").count());
    assertEquals(silverBefore + newGood, silver("silver_payments").count(), "the rest was promoted");
    assertEquals(3L, harness.spark.read().format("delta").load(path("quality_results"))
        .filter("run_id = 'run-quarantine' AND check_name = 'upi_settles_rupees' AND status = 'PASSED'")
        .select("quarantined_rows").head().getLong(0));

    Map<String, Long> after = versions();
    long quarantineVersion = DeltaTable.forPath(harness.spark, path("silver_payments_quarantine")).history(1).select("version").head().getLong(0);
    PromotionResult rerun = new Promotion(harness.spark, harness.lake, "run-quarantine-again", GateCatalog.load(checks), Clock.systemUTC(),
        PromotionLineage.disabled(harness.lake))
        .transform();
    assertEquals(Optional.empty(), rerun.haltedAt());
    assertEquals(Map.of(), rerun.quarantined());
    assertEquals(after, versions());
    assertEquals(quarantineVersion, DeltaTable.forPath(harness.spark, path("silver_payments_quarantine")).history(1).select("version").head().getLong(0));
  }

  @Test
  @Order(5)
  void negativeAmountForcedIntoSilverStagingHaltsBeforeSilverAndGoldChange() throws Exception {
    harness.produce(dir.resolve("ledger-2.jsonl"), 200, 0.0, 6);
    harness.drain(100_000);
    Map<String, Long> before = versions();
    Path models = Files.createDirectories(dir.resolve("models-negated"));
    for (Model model : ModelCatalog.fromClasspath(harness.spark).runOrder()) {
      String sql = model.sql();
      if (model.name().equals("silver_payments")) {
        String negated = sql.replaceFirst("CAST\\(amount AS DECIMAL\\(12,2\\)\\)(\\s+AS amount)", "-CAST(amount AS DECIMAL(12,2))$1");
        assertFalse(negated.equals(sql), "the test must find silver_payments' amount expression to negate it");
        sql = negated;
      }
      Files.writeString(models.resolve(model.name() + ".sql"), sql);
    }

    PromotionResult result = promotion("run-negated").transform(ModelCatalog.fromDirectory(models, harness.spark));

    assertEquals(Optional.of("silver"), result.haltedAt());
    List<String> failed = failedChecks(result, "silver_payments");
    assertTrue(failed.contains("amount_non_negative"), failed.toString());
    assertTrue(String.join("\n", result.summaryLines()).contains("amount_non_negative"), "the report names the check");
    assertEquals(before, versions(), "Silver and Gold keep their Delta versions");
    assertTrue(harness.spark.read().format("delta").load(path("quality_results"))
        .filter("run_id = 'run-negated' AND check_name = 'amount_non_negative' AND status = 'FAILED'").count() == 1);
  }

  @Test
  @Order(6)
  void negativeAmountInBronzeHaltsAtTheBronzeGate() {
    Map<String, Long> before = versions();
    Dataset<Row> bronze = harness.spark.read().format("delta").load(harness.lake.bronzeTable("payments"));
    bronze.limit(1)
        .withColumn("payment_id", lit("PAY-FFFFFFFFFFFF"))
        .withColumn("amount", lit(new java.math.BigDecimal("-14.50")).cast(DataTypes.createDecimalType(12, 2)))
        .write().format("delta").mode("append").save(harness.lake.bronzeTable("payments"));

    PromotionResult result = promotion("run-bad-bronze").transform();

    assertEquals(Optional.of("bronze"), result.haltedAt());
    assertTrue(failedChecks(result, "bronze_payments").contains("amount_at_least_a_cent"), result.summaryLines().toString());
    assertEquals(List.of("bronze"), List.copyOf(result.countsByLayer().keySet()), "no later gate ran");
    assertEquals(before, versions());
  }

  private static CheckOutcome outcome(PromotionResult result, String table, String check) {
    return result.reports().stream().filter(r -> r.table().equals(table)).flatMap(r -> r.outcomes().stream())
        .filter(o -> o.checkName().equals(check)).findFirst().orElseThrow();
  }

  private static Dataset<Row> bronze(String topic) {
    return harness.spark.read().format("delta").load(harness.lake.bronzeTable(topic));
  }

  private static Dataset<Row> silver(String table) {
    return harness.spark.read().format("delta").load(path(table));
  }

  /** The shipped gate files, copied out of the classpath so a test can change one. */
  private static void copyShippedChecks(Path target) throws Exception {
    java.net.URI uri = GatedPromotionTest.class.getClassLoader().getResource("checks").toURI();
    if ("jar".equals(uri.getScheme())) {
      try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
        copyTree(jar.getPath("checks"), target);
      }
    } else {
      copyTree(Path.of(uri), target);
    }
  }

  private static void copyTree(Path source, Path target) throws Exception {
    try (java.util.stream.Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
  }

  private static List<String> failedChecks(PromotionResult result, String table) {
    return result.reports().stream().filter(r -> r.table().equals(table)).map(GateReport::outcomes)
        .flatMap(List::stream).filter(o -> o.status() == CheckStatus.FAILED).map(CheckOutcome::checkName).toList();
  }

  private static List<String> modelTables() {
    return ModelCatalog.fromClasspath(harness.spark).runOrder().stream().map(Model::name).toList();
  }

  private static Map<String, Long> versions() {
    Map<String, Long> versions = new TreeMap<>();
    for (String table : modelTables()) {
      versions.put(table, DeltaTable.forPath(harness.spark, path(table)).history(1).select("version").head().getLong(0));
    }
    return versions;
  }

  private static String path(String table) {
    return harness.lake.table(table);
  }
}
