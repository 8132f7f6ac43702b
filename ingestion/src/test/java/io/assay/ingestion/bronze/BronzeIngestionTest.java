package io.assay.ingestion.bronze;

import io.assay.lake.LakeLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.schemas.contract.DeadLetterCategory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
  void deadLetterMessagesCarryHeadersAndTheOriginalBytes() {
    Map<String, byte[]> originalByPosition = new HashMap<>();
    for (Row row : harness.spark.read().format("delta").load(harness.lake.table(LakeLayout.DLQ_TABLE))
        .select("source_topic", "source_partition", "source_offset", "original_value").collectAsList()) {
      originalByPosition.put(row.getString(0) + "/" + row.getInt(1) + "/" + row.getLong(2), (byte[]) row.get(3));
    }
    List<ConsumerRecord<byte[], byte[]>> messages = consumeDeadLetterTopic();
    assertEquals(originalByPosition.size(), messages.size());
    for (ConsumerRecord<byte[], byte[]> message : messages) {
      String position = header(message, "source_topic") + "/" + header(message, "original_partition") + "/" + header(message, "original_offset");
      assertTrue(originalByPosition.containsKey(position), position);
      assertTrue(Arrays.equals(originalByPosition.get(position), message.value()), "original bytes unchanged at " + position);
      assertTrue(Set.of(Arrays.stream(DeadLetterCategory.values()).map(Enum::name).toArray()).contains(header(message, "error_type")));
      assertTrue(!header(message, "error_detail").isBlank());
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

  private static List<ConsumerRecord<byte[], byte[]>> consumeDeadLetterTopic() {
    Properties props = harness.kafka.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
    List<ConsumerRecord<byte[], byte[]>> messages = new java.util.ArrayList<>();
    long expected = TopicOffsets.committedMessages(harness.kafka, TopicProvisioner.DEAD_LETTER_TOPIC);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(TopicProvisioner.DEAD_LETTER_TOPIC).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.currentTimeMillis() + 60_000;
      while (messages.size() < expected && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(300)).forEach(messages::add);
      }
    }
    return messages;
  }

  private static String header(ConsumerRecord<byte[], byte[]> message, String name) {
    return new String(message.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
