package io.assay.ingestion.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.kafka.BrokerUnreachableException;
import io.assay.ingestion.kafka.KafkaSettings;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.ingestion.ledger.Ledger;
import io.assay.ingestion.ledger.LedgerEntry;
import io.assay.ingestion.ledger.LedgerWriter;
import io.assay.ingestion.ledger.Outcome;
import io.assay.ingestion.ledger.ProduceCounts;
import io.assay.ingestion.weather.OfflineWeather;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.contract.ContractValidator;
import io.assay.schemas.contract.ContractViolation;
import io.assay.schemas.registry.RegistrySettings;
import io.assay.schemas.registry.SchemaRegistryClient;
import io.assay.schemas.wire.DecodeResult;
import io.assay.schemas.wire.EventDecoder;
import io.assay.schemas.wire.RegistrySchemaIds;
import io.assay.stack.LocalStack;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer against the real embedded broker and registry: Kafka, the ledger and the counts agree. */
class ProducerRunTest {
  private static final ContractCatalog CATALOG = ContractCatalog.fromClasspath();
  @TempDir static Path dir;
  private static LocalStack stack;
  private static KafkaSettings kafka;
  private static RegistrySchemaIds schemaIds;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.start(dir.resolve("stack"), 0, 0, 2);
    kafka = KafkaSettings.plaintext(stack.bootstrapServers(), 2);
    new TopicProvisioner(kafka).ensureTopics(CATALOG.topics());
    schemaIds = new RegistrySchemaIds(new SchemaRegistryClient(RegistrySettings.of(stack.registryUrl().toString())));
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void kafkaTheLedgerAndTheCountsAgreeExactly() {
    ProduceOptions options = new ProduceOptions(3_000, 0, 0.3, CATALOG.topics(), 7);
    Path ledgerFile = dir.resolve("ledger.jsonl");
    ProduceCounts counts;
    try (LedgerWriter ledger = new LedgerWriter(ledgerFile)) {
      counts = ProducerRun.forDemo(kafka, schemaIds, CATALOG, options, new OfflineWeather(new Random(1)), ProgressListener.SILENT)
          .run(options, "test-run", ledger);
    }
    Ledger ledger = Ledger.read(ledgerFile);
    assertEquals(3_000, ledger.entries().size());
    assertEquals(ledger.counts(), counts);
    assertTrue(counts.rejectedAtProducer().values().stream().mapToLong(Long::longValue).sum() > 100, counts::toString);
    assertEquals(Map.of(), counts.sendFailed());
    assertEquals(counts.produced(), TopicOffsets.messageCounts(kafka, CATALOG.topics()));

    Map<String, ConsumerRecord<String, byte[]>> consumed = consumeAll();
    for (LedgerEntry entry : ledger.entries()) {
      if (!entry.outcomeKind().inKafka()) {
        assertEquals(Outcome.REJECTED_AT_PRODUCER, entry.outcomeKind());
        assertNotNull(entry.reason());
        continue;
      }
      ConsumerRecord<String, byte[]> message = consumed.get(entry.topic() + "/" + entry.partition() + "/" + entry.offset());
      assertNotNull(message, () -> "ledger entry not in Kafka: " + entry);
      assertEquals(entry.eventId(), message.key());
      assertEquals(entry.valueSha256(), LedgerEntry.sha256(message.value()), "bytes in Kafka are the bytes written");
      assertCaughtAsDeclared(entry, message.value());
    }
  }

  /** Corrupt and contract-breaking messages in Kafka fail downstream with the category the ledger expects. */
  private static void assertCaughtAsDeclared(LedgerEntry entry, byte[] value) {
    EventDecoder decoder = new EventDecoder(CATALOG.forTopic(entry.topic()), schemaIds, 1 << 20);
    DecodeResult result = decoder.decode(value);
    switch (entry.outcomeKind()) {
      case SENT_CORRUPT -> assertEquals(entry.expectedCategory(),
          assertInstanceOf(DecodeResult.Undecodable.class, result, entry::toString).violation().category().name());
      case SENT_FAULTY, SENT -> {
        DecodeResult.Decoded decoded = assertInstanceOf(DecodeResult.Decoded.class, result, entry::toString);
        List<ContractViolation> violations =
            new ContractValidator(CATALOG.forTopic(entry.topic()), Clock.systemUTC()).validate(decoded.record());
        List<String> categories = violations.stream().map(v -> v.category().name()).collect(Collectors.toList());
        assertEquals(entry.expectedCategory() == null ? List.of() : List.of(entry.expectedCategory()), categories, entry::toString);
      }
      default -> throw new AssertionError("not in Kafka: " + entry);
    }
  }

  private static Map<String, ConsumerRecord<String, byte[]>> consumeAll() {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Map<String, ConsumerRecord<String, byte[]>> byPosition = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = CATALOG.topics().stream()
          .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long expected = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
      long deadline = System.currentTimeMillis() + 60_000;
      while (byPosition.size() < expected && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          byPosition.put(record.topic() + "/" + record.partition() + "/" + record.offset(), record);
        }
      }
      assertEquals(expected, byPosition.size());
    }
    return byPosition;
  }

  @Test
  void deadBrokerIsAClearErrorBeforeAnythingIsSent() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TopicProvisioner nowhere = new TopicProvisioner(KafkaSettings.plaintext("127.0.0.1:" + closedPort, 1));
    BrokerUnreachableException error = assertThrows(BrokerUnreachableException.class, nowhere::checkReachable);
    assertTrue(error.getMessage().contains("127.0.0.1:" + closedPort) && error.getMessage().contains("./assay up"), error.getMessage());
  }
}
