package io.assay.ingestion.bronze;

import io.assay.lake.LakeLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.schemas.contract.DeadLetterCategory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka → Bronze on the real broker, registry, Spark and Delta, reconciled against the ledger. */
class BronzeIngestionTest {
  @TempDir static Path dir;
  private static BronzeHarness harness;
  private static Path ledger;
  private static Map<String, Long> inKafka;

  @BeforeAll
  static void produceAndIngest() throws Exception {
    harness = new BronzeHarness(dir);
    ledger = harness.produce(dir.resolve("ledger.jsonl"), 2_400, 0.3, 11);
    inKafka = TopicOffsets.messageCounts(harness.kafka, BronzeHarness.CATALOG.topics());
    harness.drain(500); // several micro-batches
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void everyRecordLandsExactlyOnceInBronzeOrTheDeadLetterTable() {
    BronzeReconciliation.Result result = BronzeReconciliation.reconcile(harness.spark, BronzeHarness.CATALOG, harness.lake, ledger, inKafka);
    assertEquals(List.of(), result.mismatches());
    assertEquals(Arrays.stream(DeadLetterCategory.values()).map(Enum::name).collect(Collectors.toSet()),
        result.deadLettersByCategory().keySet(), "every category is produced and caught");
  }

  @Test
  void runningAgainAddsNothing() throws Exception {
    long before = totalRows();
    harness.drain(500);
    assertEquals(before, totalRows());
  }

  @Test
  void deadLetterMessagesCarryHeadersAndTheOriginalKeyAndValueBytes() {
    Map<String, Row> tableByPosition = new HashMap<>();
    for (Row row : harness.spark.read().format("delta").load(harness.lake.table(LakeLayout.DLQ_TABLE))
        .select("source_topic", "source_partition", "source_offset", "original_value", "kafka_key_bytes", "kafka_key").collectAsList()) {
      tableByPosition.put(row.getString(0) + "/" + row.getInt(1) + "/" + row.getLong(2), row);
    }
    List<ConsumerRecord<byte[], byte[]>> messages = harness.deadLetterTopicMessages();
    assertEquals(tableByPosition.size(), messages.size());
    for (ConsumerRecord<byte[], byte[]> message : messages) {
      String position = BronzeHarness.header(message, "source_topic") + "/" + BronzeHarness.header(message, "original_partition")
          + "/" + BronzeHarness.header(message, "original_offset");
      Row row = tableByPosition.get(position);
      assertTrue(row != null, position);
      assertTrue(Arrays.equals((byte[]) row.get(3), message.value()), "original bytes unchanged at " + position);
      assertTrue(Arrays.equals((byte[]) row.get(4), message.key()), "key bytes unchanged at " + position);
      assertEquals(message.key() == null ? null : new String(message.key(), java.nio.charset.StandardCharsets.UTF_8), row.getString(5),
          "the producer's keys are UTF-8, so the readable key is the key");
      assertTrue(Set.of(Arrays.stream(DeadLetterCategory.values()).map(Enum::name).toArray()).contains(BronzeHarness.header(message, "error_type")));
      assertTrue(!BronzeHarness.header(message, "error_detail").isBlank());
    }
  }

  @Test
  void bronzeRowsAreTypedAndCarryIngestionMetadata() {
    Row payment = harness.spark.read().format("delta").load(harness.lake.bronzeTable("payments"))
        .selectExpr("amount", "_source_topic", "_source_offset", "_schema_id", "_schema_version", "_batch_id", "event_date", "_ingested_at")
        .first();
    assertTrue(payment.get(0) instanceof java.math.BigDecimal, "money stays decimal");
    assertEquals("payments", payment.getString(1));
    assertEquals(1, payment.getInt(4));
    assertTrue(payment.get(6) != null && payment.get(7) != null);
  }

  private static long totalRows() {
    long rows = harness.spark.read().format("delta").load(harness.lake.table(LakeLayout.DLQ_TABLE)).count();
    for (String topic : BronzeHarness.CATALOG.topics()) {
      rows += harness.spark.read().format("delta").load(harness.lake.bronzeTable(topic)).count();
    }
    return rows;
  }
}
