package io.assay.ingestion.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** How many messages each topic holds, from Kafka's own offsets: an independent count for reconciliation. */
public final class TopicOffsets {
  private TopicOffsets() {}

  /** Messages per topic (end offset minus start offset, summed over partitions). */
  public static Map<String, Long> messageCounts(KafkaSettings settings, List<String> topics) {
    Properties props = settings.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Map<String, Long> counts = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      for (String topic : topics) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
            .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition()))
            .collect(Collectors.toList());
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
        counts.put(topic, partitions.stream().mapToLong(p -> end.get(p) - start.get(p)).sum());
      }
    }
    return counts;
  }

  /**
   * Messages a read_committed consumer sees in a topic. Offsets alone overcount a transactional
   * topic: each commit marker takes an offset too.
   */
  public static long committedMessages(KafkaSettings settings, String topic) {
    Properties props = settings.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    long messages = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 120_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("timed out counting messages in " + topic);
        }
        messages += consumer.poll(java.time.Duration.ofMillis(500)).count();
      }
    }
    return messages;
  }
}
