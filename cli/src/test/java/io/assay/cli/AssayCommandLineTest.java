package io.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assay.cli.config.AssayConfig;
import io.assay.cli.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: wrong flags, dead brokers, the benchmarks (the demo's report: DemoReportIT). */
class AssayCommandLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private record Run(int exitCode, String err) {}

  /**
   * Runs a command in this JVM. Tables by path unless a test names a catalog: the JVM's one Spark
   * session keeps the catalog (and metastore folder) of the first command that built it, beyond that
   * test's temporary folder; SqlEndpointIT exercises the catalog in JVMs of its own. No lineage
   * listener unless a test asks (as {@code ChildProcesses.environment}).
   */
  private Run run(Map<String, String> env, String... args) {
    Map<String, String> withCatalog = new TreeMap<>(Map.of("ASSAY_CATALOG", "none", "ASSAY_OPENLINEAGE_DISABLED", "true"));
    withCatalog.putAll(env);
    CommandLine commandLine = Assay.commandLine(AssayConfig.from(Environment.of(withCatalog)));
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute(args);
    return new Run(code, err.toString());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void wrongFlagIsAUsageErrorWithExitCode2() {
    Run run = run(Map.of(), "produce", "--evnts", "5");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Unknown option") && run.err().contains("'--evnts'"), run.err());
  }

  @Test
  void badFlagValuesAreClearErrors() {
    Run negative = run(Map.of(), "produce", "--events", "-3");
    assertEquals(1, negative.exitCode());
    assertTrue(negative.err().contains("--events must be 0 or more"), negative.err());
    Run rate = run(Map.of(), "produce", "--fault-rate", "1.5");
    assertTrue(rate.err().contains("--fault-rate must be between 0 and 1"), rate.err());
  }

  @Test
  void unknownTopicIsNamedBeforeAnythingIsSent() throws Exception {
    Run run = run(Map.of("ASSAY_KAFKA_BOOTSTRAP", "127.0.0.1:" + closedPort()), "produce", "--topic", "invoices");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("no contract for topic 'invoices'"), run.err());
  }

  @Test
  void deadBrokerIsAClearError() throws Exception {
    int port = closedPort();
    Run run = run(Map.of("ASSAY_KAFKA_BOOTSTRAP", "127.0.0.1:" + port, "ASSAY_DATA_DIR", dir.toString()), "produce", "--events", "10");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("no Kafka broker answered at 127.0.0.1:" + port), run.err());
    assertTrue(run.err().contains("./assay up"), run.err());
  }

  @Test
  void upRefusesARegistryBeyondLoopbackWithoutCredentialsBeforeStartingAnything() {
    Run run = run(Map.of("ASSAY_REGISTRY_HOST", "0.0.0.0", "ASSAY_DATA_DIR", dir.toString()), "up");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("may listen on 0.0.0.0 only with basic auth")
        && run.err().contains("ASSAY_REGISTRY_API_KEY and ASSAY_REGISTRY_API_SECRET"), run.err());
    assertTrue(!java.nio.file.Files.exists(dir.resolve("stack")), "no broker was started");
  }

  @Test
  void benchIngestReportsBothRatesAndTheirRatio() throws Exception {
    Path report = dir.resolve("bench.json");
    Run run = run(Map.of("ASSAY_DATA_DIR", dir.toString(), "ASSAY_KAFKA_PARTITIONS", "2"),
        "bench", "ingest", "--events", "400", "--rounds", "1", "--report", report.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = JSON.readTree(report.toFile());
    assertEquals(400 - json.path("events").asLong(), 0, 400 * 0.02, "events in Kafka: all but the few refused at the producer");
    double validated = json.path("validated_events_per_s").asDouble();
    double raw = json.path("raw_events_per_s").asDouble();
    assertTrue(validated > 0 && raw > 0, json.toString());
    // Rates are whole events per second; the ratio comes from the unrounded times.
    assertEquals(json.path("raw_s").asDouble() / json.path("validated_s").asDouble(), json.path("ratio").asDouble(), 0.001);
    assertEquals(Runtime.getRuntime().availableProcessors(), json.path("machine").path("cores").asInt());
  }

  @Test
  void benchLatencyTimesEveryEventOfTheWindowFromKafkaToItsCommit() throws Exception {
    Path report = dir.resolve("latency.json");
    Run run = run(Map.of("ASSAY_DATA_DIR", dir.toString(), "ASSAY_KAFKA_PARTITIONS", "2"),
        "bench", "latency", "--rate", "100", "--seconds", "4", "--warmup", "2", "--report", report.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = JSON.readTree(report.toFile());
    assertEquals(400, json.path("produced").asLong(), "the window's events; the warm-up's are not counted");
    // Every event of the window that reached Kafka (all but the few broken ones the producer refuses) is committed.
    long events = json.path("events").asLong();
    assertTrue(events >= 360 && events <= 400, json.toString());
    double p50 = json.path("p50_s").asDouble();
    double p95 = json.path("p95_s").asDouble();
    assertTrue(p50 > 0 && p50 <= p95 && p95 <= json.path("max_s").asDouble(), json.toString());
    assertTrue(json.path("batches").asLong() >= 3, "a 1 s trigger over the warm-up and 4 s of producing: " + json);
  }

  @Test
  void benchGatesTimesEverySilverGateAgainstOneScan() throws Exception {
    Path report = dir.resolve("gates.json");
    Run run = run(Map.of("ASSAY_DATA_DIR", dir.toString()), "bench", "gates", "--rows", "2000", "--rounds", "1",
        "--report", report.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = JSON.readTree(report.toFile());
    assertEquals(2000, json.path("rows").asLong());
    assertEquals(1, json.path("rounds").asInt());
    assertTrue(json.path("checks").asInt() >= 75 / 3, json.toString());
    double gates = json.path("gates_s").asDouble();
    double scan = json.path("scan_s").asDouble();
    assertTrue(gates > 0 && scan > 0, json.toString());
    assertEquals(gates / scan, json.path("ratio").asDouble(), 0.01);
    for (String split : List.of("gates_s_by_table", "scan_s_by_table")) {
      JsonNode byTable = json.path(split);
      assertEquals(5, byTable.size(), json.toString());
      assertTrue(byTable.has("silver_orders") && byTable.has("silver_dlq_audit"), json.toString());
    }
    assertEquals(gates, sum(json.path("gates_s_by_table")), 0.01, "the total is the tables' sum");
    assertEquals(scan, sum(json.path("scan_s_by_table")), 0.01);
  }

  private static double sum(JsonNode seconds) {
    double total = 0;
    for (JsonNode value : seconds) {
      total += value.asDouble();
    }
    return total;
  }

  @Test
  void gateOnAnUnknownLayerIsAUsageError() {
    Run run = run(Map.of(), "gate", "--layer", "platinum");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--layer must be one of bronze, silver, gold, all; got 'platinum'"), run.err());
  }

  @Test
  void transformWithoutBronzeNamesTheMissingTableAndWhatToRun() {
    Run run = run(Map.of("ASSAY_DATA_DIR", dir.resolve("empty").toString()), "transform");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("table bronze_") && run.err().contains("does not exist") && run.err().contains("assay ingest"), run.err());
  }

  @Test
  void lineageWithoutEventsSaysWhereTheDemosAreWhenOnlyTheDemoRan() throws Exception {
    Path data = dir.resolve("lineage-data");
    Run nothing = run(Map.of("ASSAY_DATA_DIR", data.toString()), "lineage");
    assertEquals(1, nothing.exitCode());
    assertTrue(nothing.err().contains("no OpenLineage events at") && nothing.err().contains("run a job first"), nothing.err());

    Path demoEvents = data.resolve("demo/lineage/events.ndjson");
    java.nio.file.Files.createDirectories(demoEvents.getParent());
    java.nio.file.Files.writeString(demoEvents, "{}\n");
    Run demoOnly = run(Map.of("ASSAY_DATA_DIR", data.toString()), "lineage");
    assertEquals(1, demoOnly.exitCode());
    assertTrue(demoOnly.err().contains("the demo's are at " + demoEvents.toAbsolutePath())
        && demoOnly.err().contains("ASSAY_DATA_DIR=" + data.resolve("demo")), demoOnly.err());
  }

  @Test
  void benchRejectsNonPositiveCounts() {
    Run run = run(Map.of("ASSAY_DATA_DIR", dir.toString()), "bench", "ingest", "--events", "0");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("must be positive"), run.err());
    Run latency = run(Map.of("ASSAY_DATA_DIR", dir.toString()), "bench", "latency", "--rate", "0");
    assertEquals(1, latency.exitCode());
    assertTrue(latency.err().contains("--rate and --seconds must be positive"), latency.err());
    Run gates = run(Map.of("ASSAY_DATA_DIR", dir.toString()), "bench", "gates", "--rounds", "0");
    assertEquals(1, gates.exitCode());
    assertTrue(gates.err().contains("--rounds must be positive, got 0"), gates.err());
  }

  @Test
  void serveOnAReachableAddressWithoutCredentialsRefusesWithWhatToSet() {
    Run run = run(Map.of("ASSAY_DATA_DIR", dir.toString()), "serve", "--host", "0.0.0.0", "--port", "10999");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("refusing to serve SQL on 0.0.0.0:10999 without credentials"), run.err());
    assertTrue(run.err().contains("ASSAY_SQL_USER") && run.err().contains("--insecure"), run.err());
  }

  @Test
  void withoutACatalogTablesAndServeSayTablesHaveNoNames() {
    Map<String, String> env = Map.of("ASSAY_DATA_DIR", dir.toString(), "ASSAY_CATALOG", "none");
    Run tables = run(env, "tables");
    assertEquals(1, tables.exitCode());
    assertTrue(tables.err().contains("no catalog is configured (ASSAY_CATALOG=none)") && tables.err().contains("by path"), tables.err());
    Run serve = run(env, "serve");
    assertEquals(1, serve.exitCode());
    assertTrue(serve.err().contains("no catalog is configured"), serve.err());
    IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> AssayConfig.from(Environment.of(Map.of("ASSAY_CATALOG", "oracle"))));
    assertTrue(unknown.getMessage().contains("unknown catalog 'oracle'"), unknown.getMessage());
  }
}
