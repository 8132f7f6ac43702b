package io.assay.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assay.cli.Assay;
import io.assay.cli.config.AssayConfig;
import io.assay.cli.config.Environment;
import io.assay.ingestion.ledger.Ledger;
import io.assay.ingestion.ledger.ProduceCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code assay demo}'s report agrees with the producers' ledger: counts, reconciliation, gates and the
 * dead-letter replay. {@code ./assay test} makes one demo (20% faults, so every dead-letter category
 * shows up) before the integration tests and hands it here and to the Python suites through
 * {@code ASSAY_TEST_LAKE} (with {@code ASSAY_TEST_DEMO_EVENTS}); run alone, this test runs its own in
 * this JVM.
 */
class DemoReportIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAULT_RATE = "0.2"; // as ./assay test's shared demo
  @TempDir Path dir;

  @Test
  void demoReportsCountsEqualToTheLedgerAndReconcilesBronzeAndGold() throws Exception {
    String shared = System.getenv("ASSAY_TEST_LAKE");
    long events = shared == null ? 1200 : Long.parseLong(System.getenv("ASSAY_TEST_DEMO_EVENTS"));
    Path report = shared == null ? runDemo(events) : Path.of(shared).getParent().resolve("demo-report.json");
    assertTrue(Files.isRegularFile(report), "no demo report at " + report);
    JsonNode json = JSON.readTree(report.toFile());
    assertTrue(json.path("reconciliation").path("ok").asBoolean(), json.path("reconciliation").toString());

    Ledger ledgerFile = Ledger.read(Path.of(json.path("ledger").path("file").asText()));
    ProduceCounts ledger = ledgerFile.counts();
    assertEquals(ledger.produced(), longs(json.path("produced")));
    assertEquals(ledger.rejectedAtProducer(), longs(json.path("rejected_at_producer")));
    assertEquals(ledger.faultsInjected(), longs(json.path("faults_injected")));
    assertEquals(events, json.path("ledger").path("entries").asLong());

    long bronze = longs(json.path("bronze")).values().stream().mapToLong(Long::longValue).sum();
    long deadLetters = json.path("dead_letter").path("total").asLong();
    long inKafka = ledger.produced().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(inKafka, bronze + deadLetters);
    assertEquals(deadLetters, json.path("dead_letter").path("topic_messages").asLong());
    assertEquals(7, json.path("dead_letter").path("by_category").size(), "every category shows up at a 20% fault rate");

    for (String layer : new String[] {"bronze", "silver", "gold"}) {
      JsonNode gate = json.path("gates").path(layer);
      assertTrue(gate.path("run").asLong() > 0, layer + " gates ran: " + json.path("gates"));
      assertEquals(0, gate.path("failed").asLong(), layer);
      assertEquals(gate.path("run").asLong(), gate.path("passed").asLong() + gate.path("warned").asLong());
    }
    assertTrue(json.path("gold").path("daily_order_revenue").size() > 0, json.path("gold").toString());
    for (String step : new String[] {"produce", "ingest", "transform", "dead_letter_cycle", "gold_report"}) {
      assertTrue(json.path("timings_s").path(step).asDouble() > 0, step + " timed: " + json.path("timings_s"));
    }
    assertTrue(json.path("gold").path("payment_success_rate").has("card"), json.path("gold").toString());

    JsonNode replay = json.path("dead_letter").path("replay");
    long stale = ledgerFile.entries().stream()
        .filter(e -> e.outcomeKind().inKafka() && "stale_event_time".equals(e.fault())).count();
    assertTrue(stale > 0, "a 20% fault rate makes some stale events");
    assertEquals(stale, replay.path("diff").path("recoverable").asLong(), replay.toString());
    assertEquals(stale, replay.path("recovered").asLong(), replay.toString());
    assertEquals(deadLetters - stale - replay.path("discarded").asLong(), replay.path("still_open").asLong(), replay.toString());
    assertTrue(replay.path("discarded").asLong() > 0, replay.toString());
    assertEquals(0, replay.path("gates").path("silver").path("failed").asLong(), replay.toString());
  }

  /** The demo in this JVM, tables by path, on two partitions per topic; returns its report. */
  private Path runDemo(long events) {
    Path report = dir.resolve("r.json");
    Map<String, String> env = Map.of("ASSAY_DATA_DIR", dir.toString(), "ASSAY_KAFKA_PARTITIONS", "2", "ASSAY_CATALOG", "none");
    CommandLine commandLine = Assay.commandLine(AssayConfig.from(Environment.of(env)));
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute("demo", "--events", Long.toString(events), "--fault-rate", FAULT_RATE,
        "--report", report.toString());
    assertEquals(0, code, err.toString());
    return report;
  }

  private static Map<String, Long> longs(JsonNode node) {
    Map<String, Long> values = new TreeMap<>();
    node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asLong()));
    return values;
  }
}
