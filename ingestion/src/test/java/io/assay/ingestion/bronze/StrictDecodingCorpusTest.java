package io.assay.ingestion.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.produce.DemoGenerators;
import io.assay.ingestion.produce.EventGenerator;
import io.assay.ingestion.produce.ShopWorld;
import io.assay.ingestion.weather.OfflineWeather;
import io.assay.lake.LakeLayout;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.DeadLetterCategory;
import io.assay.schemas.wire.AvroData;
import io.assay.schemas.wire.DecodeResult;
import io.assay.schemas.wire.EventDecoder;
import io.assay.schemas.wire.MalformedAvroCorpus;
import io.assay.schemas.wire.StrictUtf8;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed-Avro corpus through the real streaming job (broker, registry, Spark, Delta): every
 * record is either in Bronze exactly as a strict reader decodes it, or a dead letter in the table
 * and the topic with its original key and value bytes; no Bronze string holds U+FFFD unless sent.
 */
class StrictDecodingCorpusTest {
  @TempDir static Path dir;
  private static BronzeHarness harness;
  /** Corpus entries by where they sit in Kafka, {@code topic/partition/offset}. */
  private static final Map<String, MalformedAvroCorpus.Entry> BY_POSITION = new HashMap<>();
  private static final Map<String, byte[]> SENT_VALUE = new HashMap<>();

  @BeforeAll
  static void produceTheCorpusAndIngest() throws Exception {
    harness = new BronzeHarness(dir);
    List<MalformedAvroCorpus.Entry> corpus = MalformedAvroCorpus.from(validEvents());
    Properties props = harness.kafka.clientProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (MalformedAvroCorpus.Entry entry : corpus) {
        Contract contract = BronzeHarness.CATALOG.forTopic(entry.topic());
        byte[] value = entry.framed(harness.schemaIds.idFor(contract.subject(), contract.schema()));
        RecordMetadata sent = producer.send(new ProducerRecord<>(entry.topic(), entry.key(), value)).get();
        String position = position(sent.topic(), sent.partition(), sent.offset());
        BY_POSITION.put(position, entry);
        SENT_VALUE.put(position, value);
      }
    }
    harness.drain(500);
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  /** One valid event per topic from the demo's generators, shaped as the corpus needs them. */
  private static Map<String, GenericRecord> validEvents() {
    Map<String, EventGenerator> generators = DemoGenerators.create(BronzeHarness.CATALOG,
        new ShopWorld(new Random(3)), new OfflineWeather(new Random(3)));
    Map<String, GenericRecord> events = new HashMap<>();
    generators.forEach((topic, generator) -> events.put(topic, generator.next(Instant.now())));
    while (((List<?>) events.get("orders").get("items")).size() < 2) {
      events.put("orders", generators.get("orders").next(Instant.now()));
    }
    GenericRecord payment = AvroData.MODEL.deepCopy(events.get("payments").getSchema(), events.get("payments"));
    payment.put("status", "SUCCEEDED");
    payment.put("failure_reason", null);
    events.put("payments", payment);
    return events;
  }

  @Test
  void everyRecordIsInBronzeAsAStrictReaderDecodesItOrADeadLetterNamingTheField() {
    Map<String, String> bronzeJson = bronzeRowsAsJson();
    Map<String, Row> deadLetters = deadLetterRows();
    assertEquals(BY_POSITION.size(), bronzeJson.size() + deadLetters.size(), "each record once, nowhere else");
    for (Map.Entry<String, MalformedAvroCorpus.Entry> sent : BY_POSITION.entrySet()) {
      String position = sent.getKey();
      MalformedAvroCorpus.Entry entry = sent.getValue();
      if (entry.valid()) {
        assertEquals(strictlyDecodedAsJson(entry.topic(), SENT_VALUE.get(position)), bronzeJson.get(position), entry.name());
        continue;
      }
      Row deadLetter = deadLetters.get(position);
      assertNotNull(deadLetter, entry.name() + " must be a dead letter");
      assertEquals(DeadLetterCategory.DESERIALIZATION_ERROR.name(), deadLetter.getAs("category"), entry.name());
      assertEquals(entry.brokenField().orElseThrow(), deadLetter.getAs("field"), entry.name());
      assertTrue(deadLetter.<String>getAs("rule").contains(entry.rule()), entry.name() + ": " + deadLetter.getAs("rule"));
      assertArrayEquals(SENT_VALUE.get(position), deadLetter.getAs("original_value"), entry.name());
      assertArrayEquals(entry.key(), deadLetter.getAs("kafka_key_bytes"), entry.name());
      assertEquals(StrictUtf8.decodeOrNull(entry.key()), deadLetter.getAs("kafka_key"), entry.name());
    }
  }

  @Test
  void deadLetterTopicHoldsTheOriginalKeyAndValueBytes() {
    Set<String> expected = new HashSet<>();
    BY_POSITION.forEach((position, entry) -> {
      if (!entry.valid()) {
        expected.add(position);
      }
    });
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> message : harness.deadLetterTopicMessages()) {
      String position = position(BronzeHarness.header(message, "source_topic"),
          Integer.parseInt(BronzeHarness.header(message, "original_partition")),
          Long.parseLong(BronzeHarness.header(message, "original_offset")));
      MalformedAvroCorpus.Entry entry = BY_POSITION.get(position);
      assertNotNull(entry, position);
      assertArrayEquals(entry.key(), message.key(), entry.name() + ": key bytes");
      assertArrayEquals(SENT_VALUE.get(position), message.value(), entry.name() + ": value bytes");
      assertTrue(seen.add(position), "once: " + entry.name());
    }
    assertEquals(expected, seen);
  }

  @Test
  void noBronzeStringHoldsUFFFDUnlessTheProducerSentIt() {
    Set<String> withReplacement = new HashSet<>();
    for (String topic : BronzeHarness.CATALOG.topics()) {
      for (Row row : bronzeWithJson(topic).filter(col("json").contains("\uFFFD")).collectAsList()) {
        withReplacement.add(position(row.getString(0), row.getInt(1), row.getLong(2)));
      }
    }
    Set<String> sentWithReplacement = new HashSet<>();
    BY_POSITION.forEach((position, entry) -> {
      if (entry.valid() && new String(entry.body(), java.nio.charset.StandardCharsets.UTF_8)
          .contains(MalformedAvroCorpus.SENT_REPLACEMENT_CHARACTER)) {
        sentWithReplacement.add(position);
      }
    });
    assertEquals(1, sentWithReplacement.size(), "the corpus sends one U+FFFD on purpose");
    assertEquals(sentWithReplacement, withReplacement);
  }

  private static Map<String, String> bronzeRowsAsJson() {
    Map<String, String> json = new HashMap<>();
    for (String topic : BronzeHarness.CATALOG.topics()) {
      for (Row row : bronzeWithJson(topic).collectAsList()) {
        json.put(position(row.getString(0), row.getInt(1), row.getLong(2)), row.getString(3));
      }
    }
    return json;
  }

  /** Position and the event's own fields as JSON, as Bronze holds them. */
  private static Dataset<Row> bronzeWithJson(String topic) {
    Column[] fields = eventFields(topic);
    return harness.spark.read().format("delta").load(harness.lake.bronzeTable(topic))
        .select(col("_source_topic"), col("_source_partition"), col("_source_offset"), to_json(struct(fields)).as("json"));
  }

  /** The same JSON for what a strict reader decodes from the bytes sent. */
  private static String strictlyDecodedAsJson(String topic, byte[] value) {
    Contract contract = BronzeHarness.CATALOG.forTopic(topic);
    DecodeResult result = new EventDecoder(contract, harness.schemaIds, 1024 * 1024).decode(value);
    GenericRecord record = ((DecodeResult.Decoded) result).record();
    return AvroSparkTypes.dataFrameOf(harness.spark, contract.schema(), List.of(record))
        .select(to_json(struct(eventFields(topic)))).first().getString(0);
  }

  private static Column[] eventFields(String topic) {
    return BronzeHarness.CATALOG.forTopic(topic).schema().getFields().stream().map(f -> col(f.name())).toArray(Column[]::new);
  }

  private static Map<String, Row> deadLetterRows() {
    Map<String, Row> rows = new HashMap<>();
    for (Row row : harness.spark.read().format("delta").load(harness.lake.table(LakeLayout.DLQ_TABLE)).collectAsList()) {
      rows.put(position(row.getAs("source_topic"), row.<Integer>getAs("source_partition"), row.<Long>getAs("source_offset")), row);
    }
    return rows;
  }

  private static String position(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }
}
