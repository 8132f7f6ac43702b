package io.assay.cli.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assay.ingestion.bronze.BronzeHarness;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.lake.LakeLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One micro-batch of nothing but poison records, bigger in total than the job's whole heap, drains in a
 * child JVM with a small heap: dead letters are published from the executors, never gathered on the driver.
 * Then the batch is replayed (its checkpoint commit removed) and nothing is written twice. The size is
 * {@code -Dassay.poison.records} (default 5,000 of 16 KB, 80 MB, for CI) and {@code -Dassay.poison.heap}
 * (default 1g); the full size, 100,000 (1.6 GB), was run by hand (ingestion/README.md).
 */
class DeadLetterMemoryIT {
  private static final int RECORDS = Integer.getInteger("assay.poison.records", 5_000);
  private static final String HEAP = System.getProperty("assay.poison.heap", "1g");
  private static final int BYTES = 16 * 1024;
  @TempDir Path dir;

  @Test
  void aBatchOfPoisonBiggerThanTheHeapLandsExactlyOnceAndAReplayAddsNothing() throws Exception {
    try (BronzeHarness harness = new BronzeHarness(dir)) {
      String topic = BronzeHarness.CATALOG.topics().get(0);
      producePoison(harness, topic);
      Map<String, String> env = ChildProcesses.environment(harness, dir.resolve("child"), RECORDS);

      ingestInChild(env, dir.resolve("child-1.log"));
      assertLandedOnce(harness, topic);

      // Replay batch 0: Spark re-runs a batch whose commit is missing from the checkpoint.
      Path commits = Path.of(harness.lake.checkpoint("assay-bronze"), "commits");
      Files.delete(commits.resolve("0"));
      Files.deleteIfExists(commits.resolve(".0.crc"));
      ingestInChild(env, dir.resolve("child-2.log"));
      assertLandedOnce(harness, topic);
    }
  }

  /** Values with a magic byte that is not Confluent's: undecodable, so every one is a dead letter. */
  private static void producePoison(BronzeHarness harness, String topic) {
    Properties props = harness.kafka.clientProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    Random random = new Random(16);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < RECORDS; i++) {
        byte[] value = new byte[BYTES];
        random.nextBytes(value);
        value[0] = 7;
        producer.send(new ProducerRecord<>(topic, ("poison-" + i).getBytes(StandardCharsets.UTF_8), value));
      }
    }
  }

  private static void ingestInChild(Map<String, String> env, Path log) throws Exception {
    int exit = ChildProcesses.await(ChildProcesses.assayWithHeap(HEAP, env, log, "ingest", "--available-now"), 30, log);
    assertEquals(0, exit, () -> ChildProcesses.tailOrNote(log));
  }

  private static void assertLandedOnce(BronzeHarness harness, String topic) {
    Dataset<Row> dlq = harness.spark.read().format("delta").load(harness.lake.table(LakeLayout.DLQ_TABLE))
        .filter(col("source_topic").equalTo(topic));
    assertEquals(RECORDS, dlq.count(), "dead-letter table rows");
    assertEquals(RECORDS, dlq.select("source_partition", "source_offset").distinct().count(), "distinct positions");
    assertEquals(RECORDS, TopicOffsets.committedMessages(harness.kafka, TopicProvisioner.DEAD_LETTER_TOPIC), "DLQ topic messages");
    assertEquals(0, harness.spark.read().format("delta").load(harness.lake.bronzeTable(topic)).count(), "Bronze rows");
  }
}
