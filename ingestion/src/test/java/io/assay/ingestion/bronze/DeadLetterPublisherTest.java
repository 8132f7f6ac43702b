package io.assay.ingestion.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.kafka.TopicProvisioner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.LongStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor-side publisher keeps its Kafka clients between tasks without giving up exactly-once. */
class DeadLetterPublisherTest {
  @TempDir static Path dir;
  private static BronzeHarness harness;

  @BeforeAll
  static void start() {
    harness = new BronzeHarness(dir);
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private static Iterator<Row> deadLetters(int partition, long... offsets) {
    return LongStream.of(offsets).mapToObj(offset -> RowFactory.create("k".getBytes(StandardCharsets.UTF_8),
        new byte[] {0, 0, 0, 0, 9, (byte) offset}, "SCHEMA", "orders", partition, offset, "bad bytes")).iterator();
  }

  private static long published(String app) {
    return harness.deadLetterTopicMessages().stream()
        .filter(message -> BronzeHarness.header(message, DeadLetterPublisher.APP_HEADER).equals(app)).count();
  }

  private static boolean pooled(String app, int partition) {
    return PublisherPool.idleKeys().stream().anyMatch(key -> key.startsWith("assay-dlq-" + app + "-orders-" + partition + " "));
  }

  @Test
  void replayedTasksWriteNothingAndTheClientsAreKeptBetweenTasks() {
    DeadLetterPublisher publisher = new DeadLetterPublisher(harness.kafka, TopicProvisioner.DEAD_LETTER_TOPIC, "pooled", true);

    assertEquals(3, publisher.publish(0, deadLetters(0, 10, 11, 12)));
    assertTrue(pooled("pooled", 0), "the clients wait for the next task");
    assertEquals(0, publisher.publish(0, deadLetters(0, 10, 11, 12)), "a replayed task finds its marker");
    assertEquals(2, publisher.publish(1, deadLetters(0, 13, 14)));
    assertEquals(5, published("pooled"));
  }

  @Test
  void aFailedTaskClosesItsClientsAndItsRetryWritesOnce() {
    DeadLetterPublisher publisher = new DeadLetterPublisher(harness.kafka, TopicProvisioner.DEAD_LETTER_TOPIC, "failing", true);
    assertEquals(1, publisher.publish(0, deadLetters(1, 5)));

    assertThrows(IllegalStateException.class, () -> publisher.publish(1, deadLetters(1, 8, 7)), "out of offset order");
    assertTrue(!pooled("failing", 1), "clients of a failed task are not reused");
    assertEquals(2, publisher.publish(1, deadLetters(1, 7, 8)));
    assertEquals(3, published("failing"), "the failed attempt's open transaction was aborted");
  }
}
