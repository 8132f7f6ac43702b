package io.assay.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.cli.report.GoldLedgerReconciliation;
import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.ingestion.ledger.Ledger;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay serve} as a user runs it, over a lake the real pipeline wrote: Bronze from the real
 * stack, then {@code assay transform} in another JVM while the endpoint runs (both reach the local
 * metastore through the server {@code serve} hosts), then Gold queried by name over the Thrift
 * protocol (Hive JDBC, binary transport: what PyHive and Superset speak) equals the producers'
 * ledger to the cent. {@code assay tables}, a third JVM, lists the tables meanwhile. The endpoint
 * listens on 127.0.0.1 only and, with credentials configured, lets in only that user.
 */
class SqlEndpointIT {
  private static final Pattern ENDPOINT = Pattern.compile("SQL endpoint:\\s+(jdbc:hive2://\\S+)");
  @TempDir Path dir;

  @Test
  void goldByNameOverThriftEqualsTheLedgerWhileOtherJobsShareTheCatalog() throws Exception {
    assertNotNull(System.getenv("SPARK_HOME"), "SPARK_HOME is not set: run the tests with ./assay test (its Thrift server jar is used)");
    try (BronzeHarness harness = new BronzeHarness(dir)) {
      Path ledger = harness.produce(dir.resolve("ledger.jsonl"), 600, 0.1, 41);
      harness.drain(100_000);
      Map<String, String> env = new TreeMap<>(ChildProcesses.environment(harness, dir.resolve("data"), 100_000));
      env.put("ASSAY_CATALOG", "local");
      env.put("ASSAY_METASTORE_PORT", Integer.toString(freePort()));
      env.put("ASSAY_SQL_USER", "analyst");
      env.put("ASSAY_SQL_PASSWORD", "s3cret-for-the-test");

      Path serveLog = dir.resolve("logs/serve.log");
      Process serve = ChildProcesses.assay(env, serveLog, "serve", "--port", "0");
      try {
        String url = awaitEndpoint(serve, serveLog);
        int port = URI.create(url.substring("jdbc:".length())).getPort();
        assertTrue(port > 0 && port != 10000, "--port 0 picked a free port: " + url);
        for (InetAddress address : nonLoopbackAddresses()) {
          assertThrows(IOException.class, () -> connect(address, port), "bound to 127.0.0.1 only, yet " + address + " answers");
        }
        SQLException wrongPassword = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "analyst", "guess"));
        // Hive JDBC reports a refused SASL login as a transport that could not be opened (no reason given).
        assertTrue(String.valueOf(wrongPassword.getMessage()).contains("Could not open client transport"), wrongPassword.getMessage());

        Path transformLog = dir.resolve("logs/transform.log");
        assertEquals(0, ChildProcesses.await(ChildProcesses.assay(env, transformLog, "transform"), 30, transformLog),
            () -> tail(transformLog));

        try (Connection sql = DriverManager.getConnection(url, "analyst", "s3cret-for-the-test");
             Statement statement = sql.createStatement()) {
          Map<String, String> gold = new TreeMap<>();
          try (ResultSet rows = statement.executeQuery(
              "SELECT order_date, currency, orders, gross_revenue FROM assay_gold.gold_daily_order_revenue")) {
            while (rows.next()) {
              gold.put(rows.getDate(1) + "/" + rows.getString(2), rows.getLong(3) + "|" + rows.getBigDecimal(4).toPlainString());
            }
          }
          Map<String, String> expected = GoldLedgerReconciliation.expectedRevenue(Ledger.read(ledger));
          assertTrue(!expected.isEmpty(), "the ledger holds valid orders");
          assertEquals(expected, gold, "Gold by name over JDBC equals the ledger");

          assertTrue(names(statement, "SHOW TABLES IN assay_bronze").containsAll(List.of("bronze_orders", "bronze_dlq_audit")));
          assertTrue(names(statement, "SHOW TABLES IN assay_ops").containsAll(List.of("pipeline_metrics", "quality_results")));

          SQLException missing = assertThrows(SQLException.class,
              () -> statement.executeQuery("SELECT * FROM assay_gold.no_such_table"));
          assertTrue(missing.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND") && missing.getMessage().contains("no_such_table"),
              missing.getMessage());
        }

        Path tablesLog = dir.resolve("logs/tables.log");
        assertEquals(0, ChildProcesses.await(ChildProcesses.assay(env, tablesLog, "tables"), 15, tablesLog), () -> tail(tablesLog));
        String listing = Files.readString(tablesLog);
        assertTrue(Pattern.compile("assay_gold\\.gold_daily_order_revenue\\s+\\d+\\s+\\d+\\s+(PASSED|WARNED)").matcher(listing).find(), listing);
        assertTrue(Pattern.compile("assay_bronze\\.bronze_orders\\s+\\d+\\s+\\d+\\s+(PASSED|WARNED)").matcher(listing).find(), listing);
      } finally {
        serve.destroy();
        assertTrue(serve.waitFor(2, TimeUnit.MINUTES), "serve stops on SIGTERM (Ctrl-C)");
      }
    }
  }

  private static String awaitEndpoint(Process serve, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log)) {
        Matcher found = ENDPOINT.matcher(Files.readString(log));
        if (found.find()) {
          return found.group(1);
        }
      }
      if (!serve.isAlive()) {
        throw new AssertionError("serve exited with " + serve.exitValue() + ":\n" + tail(log));
      }
      Thread.sleep(500);
    }
    throw new AssertionError("serve did not print its endpoint:\n" + tail(log));
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).toList();
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
    }
  }

  private static List<String> names(Statement statement, String query) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        names.add(rows.getString("tableName"));
      }
    }
    return names;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      return ChildProcesses.tail(log);
    } catch (Exception e) {
      return "(no log)";
    }
  }
}
