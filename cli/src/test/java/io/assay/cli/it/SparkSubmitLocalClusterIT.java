package io.assay.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.ingestion.bronze.BronzeReconciliation;
import io.assay.ingestion.kafka.TopicOffsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar under spark-submit with {@code local-cluster}: a standalone master, two workers and
 * executors in JVMs of their own, so every task is serialized as on a real cluster.
 */
class SparkSubmitLocalClusterIT {
  @TempDir Path dir;

  @Test
  void ingestsWithSeparateExecutorJvmsAndReconcilesExactly() throws Exception {
    String sparkHome = System.getenv("SPARK_HOME");
    assertNotNull(sparkHome, "SPARK_HOME is not set: run the tests with ./assay test, which sets it to pyspark's Spark in the locked spark environment");
    Path jar = Path.of(System.getProperty("assay.spark.jar"));
    assertTrue(Files.isRegularFile(jar), "no shaded jar at " + jar + ": run after `mvn package`");
    try (BronzeHarness harness = new BronzeHarness(dir)) {
      Path ledger = harness.produce(dir.resolve("ledger.jsonl"), 1_500, 0.2, 31);
      Map<String, Long> inKafka = TopicOffsets.messageCounts(harness.kafka, BronzeHarness.CATALOG.topics());
      Path log = dir.resolve("spark-submit.log");
      Process submit = ChildProcesses.start(List.of(
          Path.of(sparkHome, "bin", "spark-submit").toString(),
          "--master", "local-cluster[2,1,1024]",
          "--conf", "spark.executor.memory=1g",
          "--conf", "spark.driver.memory=1g",
          "--driver-java-options", String.join(" ", ChildProcesses.sparkSettings()),
          "--class", "io.assay.cli.Assay",
          jar.toString(), "ingest", "--available-now"), ChildProcesses.environment(harness, dir.resolve("child"), 400), log);
      int exit = ChildProcesses.await(submit, 10, log);
      assertEquals(0, exit, () -> tail(log));
      assertTrue(Files.readString(log).contains("Starting a local Spark cluster with 2 workers"), "ran under local-cluster");

      BronzeReconciliation.Result result = BronzeReconciliation.reconcile(harness.spark, BronzeHarness.CATALOG, harness.lake, ledger, inKafka);
      assertEquals(List.of(), result.mismatches());
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
