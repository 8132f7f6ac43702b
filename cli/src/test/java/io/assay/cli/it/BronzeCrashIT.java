package io.assay.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.ingestion.bronze.BronzeReconciliation;
import io.assay.ingestion.kafka.TopicOffsets;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job in its own JVM is killed with SIGKILL three times mid-stream and restarted;
 * afterwards every record is still in Bronze or the dead-letter table exactly once.
 */
class BronzeCrashIT {
  private static final long EVENTS = 4_000;
  private static final long PER_BATCH = 200;
  @TempDir Path dir;

  @Test
  void survivesThreeSigkillsWithExactReconciliation() throws Exception {
    try (BronzeHarness harness = new BronzeHarness(dir)) {
      Path ledger = harness.produce(dir.resolve("ledger.jsonl"), EVENTS, 0.1, 21);
      Map<String, Long> inKafka = TopicOffsets.messageCounts(harness.kafka, BronzeHarness.CATALOG.topics());
      Map<String, String> env = ChildProcesses.environment(harness, dir.resolve("child"), PER_BATCH);
      File commits = Path.of(harness.lake.checkpoint("assay-bronze"), "commits").toFile();
      long totalBatches = (EVENTS + PER_BATCH - 1) / PER_BATCH;
      Random random = new Random(3);

      for (int kill = 1; kill <= 3; kill++) {
        Path log = dir.resolve("child-" + kill + ".log");
        long before = committedBatches(commits);
        Process job = ChildProcesses.assay(env, log, "ingest", "--trigger", "300ms");
        // Generous: on a loaded 2-core machine a child's Spark start alone has taken minutes.
        long deadline = System.currentTimeMillis() + 600_000;
        while (committedBatches(commits) < before + 2 && job.isAlive() && System.currentTimeMillis() < deadline) {
          Thread.sleep(100);
        }
        assertTrue(job.isAlive(), () -> "the job died on its own:\n" + tail(log));
        Thread.sleep(random.nextInt(1_500)); // land somewhere inside a batch
        job.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
        job.waitFor();
        long after = committedBatches(commits);
        assertTrue(after > before && after < totalBatches, "killed mid-stream: " + after + " of " + totalBatches + " batches");
      }

      // The restart that drains the rest may take bigger bites: batches already planned keep their offsets.
      Map<String, String> drainEnv = ChildProcesses.environment(harness, dir.resolve("child"), EVENTS);
      Path finalLog = dir.resolve("child-final.log");
      int exit = ChildProcesses.await(ChildProcesses.assay(drainEnv, finalLog, "ingest", "--available-now"), 10, finalLog);
      assertEquals(0, exit, () -> tail(finalLog));

      BronzeReconciliation.Result result = BronzeReconciliation.reconcile(harness.spark, BronzeHarness.CATALOG, harness.lake, ledger, inKafka);
      assertEquals(List.of(), result.mismatches());
      assertEquals(inKafka.values().stream().mapToLong(Long::longValue).sum(),
          result.bronzeRows().values().stream().mapToLong(Long::longValue).sum() + result.deadLetters());
    }
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
