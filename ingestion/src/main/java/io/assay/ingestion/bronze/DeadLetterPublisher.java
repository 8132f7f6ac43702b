package io.assay.ingestion.bronze;

import io.assay.ingestion.kafka.KafkaSettings;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes dead letters to the DLQ topic from the executors, one Kafka transaction per Spark task, so
 * the driver never holds them. A task's dead letters all come from one source topic-partition (the Kafka
 * source plans one task per topic-partition and offset range, and routing keeps that partitioning); its
 * transaction also commits, for that source partition, the offset after its last dead letter to the
 * consumer group {@code assay-dlq-<app>} ({@code sendOffsetsToTransaction}). The marker and the messages
 * commit or abort together. A replayed batch reads the same offset ranges (they are in the checkpoint's
 * offset log), finds the marker past its first dead letter and writes nothing. The transactional id is
 * per app and source partition: a new attempt's {@code initTransactions} fences an older attempt of the
 * same task and aborts its open transaction, so the marker read after it is final. The producer and the
 * marker reader stay open in the executor between tasks ({@link PublisherPool}).
 */
public final class DeadLetterPublisher implements Serializable {
  public static final String BATCH_HEADER = "assay_batch_id";
  public static final String APP_HEADER = "assay_app";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);

  /** The input row's columns, in order. */
  static final List<String> COLUMNS = List.of(RoutedSchema.KAFKA_KEY, RoutedSchema.ORIGINAL_VALUE, RoutedSchema.CATEGORY,
      RoutedSchema.TOPIC, RoutedSchema.PARTITION, RoutedSchema.OFFSET, RoutedSchema.DETAIL);

  /** One dead letter as it goes to Kafka. */
  record DeadLetterMessage(byte[] key, byte[] value, String category, String sourceTopic,
      int partition, long offset, String detail) {
    static DeadLetterMessage of(Row row) {
      return new DeadLetterMessage((byte[]) row.get(0), (byte[]) row.get(1), row.getString(2), row.getString(3),
          row.getInt(4), row.getLong(5), row.getString(6));
    }
  }

  private final Properties client; // KafkaSettings holds Optionals, which do not serialize
  private final String topic;
  private final String appId;
  private final boolean keepClients;
  private final String clientSettings; // part of a pool key: a pooled client is only reused for the same cluster and settings

  /**
   * @param keepClients whether a task's Kafka clients stay open for the next task ({@link PublisherPool});
   *     only where every task runs in one executor (local mode): on a cluster a source partition's task
   *     can move to another executor, whose new producer fences the pooled one, and a fenced pooled
   *     producer was measured to block its next task for {@code max.block.ms} (60 s) before failing it
   */
  public DeadLetterPublisher(KafkaSettings kafka, String topic, String appId, boolean keepClients) {
    this.keepClients = keepClients;
    this.client = kafka.clientProperties();
    this.clientSettings = new TreeMap<>(client).toString();
    this.topic = topic;
    this.appId = appId;
  }

  /** The consumer group whose committed offsets mark what this app has published. */
  public String markerGroup() {
    return "assay-dlq-" + appId;
  }

  /**
   * Publishes one task's dead letters (rows of {@link #COLUMNS}), in source-offset order, from one source
   * topic-partition. Returns how many were written: 0 when there were none or this range was already published.
   */
  public long publish(long batchId, Iterator<Row> deadLetters) {
    if (!deadLetters.hasNext()) {
      return 0;
    }
    DeadLetterMessage first = DeadLetterMessage.of(deadLetters.next());
    TopicPartition source = new TopicPartition(first.sourceTopic(), first.partition());
    String poolKey = transactionalId(source) + " " + clientSettings;
    PublisherPool.Clients clients = keepClients ? PublisherPool.take(poolKey, () -> open(source)) : open(source);
    boolean ended = false;
    try {
      long written = publish(clients, batchId, first, deadLetters, source);
      ended = true;
      return written;
    } finally {
      if (ended && keepClients) {
        PublisherPool.giveBack(poolKey, clients);
      } else {
        clients.close(); // after a failure, the retry's new producer fences this one and aborts what it left open
      }
    }
  }

  private long publish(PublisherPool.Clients clients, long batchId, DeadLetterMessage first, Iterator<Row> deadLetters,
      TopicPartition source) {
    if (publishedPast(clients.markerReader(), source) > first.offset()) {
      LOG.info("dead letters of batch {} from {} are already in {}; not writing them again", batchId, source, topic);
      return 0;
    }
    KafkaProducer<byte[], byte[]> out = clients.producer();
    out.beginTransaction();
    long written = 0;
    long lastOffset = -1;
    for (DeadLetterMessage letter = first; letter != null; letter = deadLetters.hasNext() ? DeadLetterMessage.of(deadLetters.next()) : null) {
      if (!letter.sourceTopic().equals(source.topic()) || letter.partition() != source.partition() || letter.offset() <= lastOffset) {
        throw new IllegalStateException("a task's dead letters must come from one source partition in offset order; got "
            + letter.sourceTopic() + "-" + letter.partition() + "@" + letter.offset() + " after " + source + "@" + lastOffset);
      }
      out.send(record(batchId, letter));
      lastOffset = letter.offset();
      written++;
    }
    out.sendOffsetsToTransaction(Map.of(source, new OffsetAndMetadata(lastOffset + 1, "batch " + batchId)),
        new ConsumerGroupMetadata(markerGroup()));
    out.commitTransaction(); // on failure the task fails, Spark retries it, and the retry fences this producer
    return written;
  }

  /** A new producer for the source partition's transactional id, past {@code initTransactions}, and a marker reader. */
  private PublisherPool.Clients open(TopicPartition source) {
    KafkaProducer<byte[], byte[]> producer = producer(source);
    try {
      producer.initTransactions(); // fences an older attempt of this task and aborts its open transaction
      return new PublisherPool.Clients(producer, markerReader(), System.nanoTime());
    } catch (RuntimeException failed) {
      producer.close(Duration.ZERO);
      throw failed;
    }
  }

  private ProducerRecord<byte[], byte[]> record(long batchId, DeadLetterMessage letter) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, letter.key(), letter.value());
    record.headers()
        .add("error_type", utf8(letter.category()))
        .add("source_topic", utf8(letter.sourceTopic()))
        .add("original_partition", utf8(Integer.toString(letter.partition())))
        .add("original_offset", utf8(Long.toString(letter.offset())))
        .add("error_detail", utf8(letter.detail()))
        .add(BATCH_HEADER, utf8(Long.toString(batchId)))
        .add(APP_HEADER, utf8(appId));
    return record;
  }

  /** The committed marker for a source partition: the offset after the last dead letter published from it, or -1. */
  private static long publishedPast(KafkaConsumer<byte[], byte[]> markerReader, TopicPartition source) {
    OffsetAndMetadata committed = markerReader.committed(Set.of(source), Duration.ofSeconds(60)).get(source);
    return committed == null ? -1 : committed.offset();
  }

  private KafkaConsumer<byte[], byte[]> markerReader() {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, markerGroup());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    // read_committed makes the offset fetch wait out a pending transactional commit instead of skipping it
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props);
  }

  private String transactionalId(TopicPartition source) {
    return markerGroup() + "-" + source;
  }

  private KafkaProducer<byte[], byte[]> producer(TopicPartition source) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(source));
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Dead letters keep their original bytes, oversized ones included (the embedded broker takes 8 MiB).
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
    return new KafkaProducer<>(props);
  }

  private static byte[] utf8(String text) {
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }
}
