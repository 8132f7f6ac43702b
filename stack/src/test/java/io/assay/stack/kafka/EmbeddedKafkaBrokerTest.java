package io.assay.stack.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real KRaft broker in its own JVM: produce, consume, restart, crash, transactions. */
class EmbeddedKafkaBrokerTest {
  @TempDir Path dataDir;

  private EmbeddedKafkaBroker start() {
    return EmbeddedKafkaBroker.start(new BrokerSettings(0, 0, dataDir, 2));
  }

  @Test
  void startsAndAcceptsProduceAndConsumeAndTransactions() throws Exception {
    try (EmbeddedKafkaBroker broker = start()) {
      createTopic(broker, "t", 2);
      try (KafkaProducer<String, String> producer = producer(broker, "tx-1")) {
        producer.initTransactions();
        producer.beginTransaction();
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("t", "k" + i, "v" + i));
        }
        producer.commitTransaction();
      }
      List<String> values = new ArrayList<>();
      for (ConsumerRecord<String, String> record : consumeAll(broker, "t", 10)) {
        values.add(record.value());
      }
      assertEquals(10, values.size());
      assertTrue(values.containsAll(List.of("v0", "v9")));
    }
  }

  @Test
  void restartKeepsTopicsAndCommittedOffsets() throws Exception {
    try (EmbeddedKafkaBroker broker = start()) {
      createTopic(broker, "kept", 3);
      try (KafkaProducer<String, String> producer = producer(broker, null)) {
        producer.send(new ProducerRecord<>("kept", 0, "k", "v")).get();
      }
      try (KafkaConsumer<String, String> consumer = consumer(broker, "group-1")) {
        consumer.commitSync(Map.of(new TopicPartition("kept", 0), new OffsetAndMetadata(1)));
      }
    }
    try (EmbeddedKafkaBroker restarted = start()) {
      try (Admin admin = admin(restarted)) {
        assertEquals(3, admin.describeTopics(Set.of("kept")).allTopicNames().get().get("kept").partitions().size());
      }
      try (KafkaConsumer<String, String> consumer = consumer(restarted, "group-1")) {
        assertEquals(1, consumer.committed(Set.of(new TopicPartition("kept", 0))).get(new TopicPartition("kept", 0)).offset());
      }
      assertEquals(1, consumeAll(restarted, "kept", 1).size());
    }
  }

  @Test
  void takenPortFailsWithClearMessageAndStartsNothing() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IllegalStateException error = assertThrows(IllegalStateException.class,
          () -> EmbeddedKafkaBroker.start(new BrokerSettings(taken.getLocalPort(), 0, dataDir, 1)));
      assertEquals("Kafka port " + taken.getLocalPort() + " is already in use: stop whatever holds it or choose another port"
          + " (--kafka-port / ASSAY_KAFKA_PORT)", error.getMessage());
      assertFalse(Files.exists(dataDir.resolve("kafka").resolve("broker.log")), "no broker process was launched");
    }
  }

  @Test
  void killedBrokerRestartsWithItsData() throws Exception {
    EmbeddedKafkaBroker broker = start();
    createTopic(broker, "survives", 1);
    try (KafkaProducer<String, String> producer = producer(broker, null)) {
      producer.send(new ProducerRecord<>("survives", "k", "before the crash")).get();
    }
    broker.kill();
    assertFalse(broker.isRunning());
    try (EmbeddedKafkaBroker restarted = start()) {
      assertEquals("before the crash", consumeAll(restarted, "survives", 1).get(0).value());
    }
  }

  private static void createTopic(EmbeddedKafkaBroker broker, String topic, int partitions) throws Exception {
    try (Admin admin = admin(broker)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static Admin admin(EmbeddedKafkaBroker broker) {
    Properties props = new Properties();
    props.put("bootstrap.servers", broker.bootstrapServers());
    return Admin.create(props);
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker, String transactionalId) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    if (transactionalId != null) {
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(props);
  }

  private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker, String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    if (group != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return new KafkaConsumer<>(props);
  }

  private static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafkaBroker broker, String topic, int expected) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(broker, null)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.currentTimeMillis() + 30_000;
      while (records.size() < expected && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertEquals(expected, records.size());
    assertTrue(records.stream().allMatch(r -> r.value().getBytes(StandardCharsets.UTF_8).length > 0));
    return records;
  }
}
