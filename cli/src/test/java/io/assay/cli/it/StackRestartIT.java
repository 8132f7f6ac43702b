package io.assay.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.ingestion.bronze.BronzeReconciliation;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.stack.kafka.BrokerSettings;
import io.assay.stack.kafka.EmbeddedKafkaBroker;
import io.assay.stack.registry.SchemaRegistryServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job keeps running in its own JVM while the broker under it is killed (SIGKILL) and
 * started again on the same port and log folder, and then while the schema registry is stopped and
 * started again on the same port and data folder; afterwards every record is in Bronze or the
 * dead-letter table exactly once.
 */
class StackRestartIT {
  private static final long EVENTS = 3_000;
  private static final long PER_BATCH = 150;

  @TempDir Path dir;

  @Test
  void brokerAndRegistryRestartsUnderTheRunningJobLoseAndDuplicateNothing() throws Exception {
    EmbeddedKafkaBroker restartedBroker = null;
    SchemaRegistryServer restartedRegistry = null;
    try (BronzeHarness harness = new BronzeHarness(dir)) {
      long started = System.nanoTime();
      Path ledger = harness.produce(dir.resolve("ledger.jsonl"), EVENTS, 0.1, 23);
      Map<String, Long> inKafka = TopicOffsets.messageCounts(harness.kafka, BronzeHarness.CATALOG.topics());
      File commits = Path.of(harness.lake.checkpoint("assay-bronze"), "commits").toFile();
      long total = inKafka.values().stream().mapToLong(Long::longValue).sum();
      Path log = dir.resolve("ingest.log");
      Process job = ChildProcesses.assay(ChildProcesses.environment(harness, dir.resolve("child"), PER_BATCH), log,
          "ingest", "--trigger", "500ms");
      try {
        awaitBatches(commits, 2, job, log);
        int port = harness.stack.broker().port();
        harness.stack.broker().kill();
        Thread.sleep(3_000); // the job meets a dead broker for a while
        assertTrue(job.isAlive(), () -> "the job died when the broker did:\n" + tail(log));
        restartedBroker = EmbeddedKafkaBroker.start(new BrokerSettings(port, controllerPort(dir), dir.resolve("stack"), 2));
        long afterBroker = committedBatches(commits);
        awaitBatches(commits, afterBroker + 2, job, log);
        assertTrue(consumed(commits) < total, "the registry restarts mid-stream: " + consumed(commits) + " of " + total);

        int registryPort = harness.stack.registry().port();
        harness.stack.registry().close();
        Thread.sleep(2_000);
        restartedRegistry = SchemaRegistryServer.start(registryPort, dir.resolve("stack").resolve("registry"));
        awaitBatches(commits, committedBatches(commits) + 2, job, log);
        long deadline = System.currentTimeMillis() + 300_000;
        while (consumed(commits) < total && job.isAlive() && System.currentTimeMillis() < deadline) {
          Thread.sleep(500);
        }
        assertTrue(job.isAlive(), () -> "the job died:\n" + tail(log));
        assertEquals(total, consumed(commits), "the running job read every record");
      } finally {
        job.destroyForcibly();
        job.waitFor();
      }
      BronzeReconciliation.Result result = BronzeReconciliation.reconcile(harness.spark, BronzeHarness.CATALOG, harness.lake, ledger, inKafka);
      assertEquals(List.of(), result.mismatches());
      assertEquals(inKafka.values().stream().mapToLong(Long::longValue).sum(),
          result.bronzeRows().values().stream().mapToLong(Long::longValue).sum() + result.deadLetters());
      System.out.printf("StackRestartIT: %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
    } finally {
      if (restartedRegistry != null) {
        restartedRegistry.close();
      }
      if (restartedBroker != null) {
        restartedBroker.close();
      }
    }
  }

  /** The controller port the first start chose, so the restarted broker is the same KRaft voter. */
  private static int controllerPort(Path dir) throws Exception {
    Matcher voters = Pattern.compile("controller\\.quorum\\.voters=1@127\\.0\\.0\\.1:(\\d+)")
        .matcher(Files.readString(dir.resolve("stack").resolve("kafka").resolve("server.properties")));
    assertTrue(voters.find(), "server.properties names the controller");
    return Integer.parseInt(voters.group(1));
  }

  private static void awaitBatches(File commits, long batches, Process job, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + 300_000;
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
