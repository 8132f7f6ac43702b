package io.assay.ingestion.bronze;

import io.assay.lake.LakeLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assay.ingestion.produce.PaymentGenerator;
import io.assay.ingestion.produce.ShopWorld;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.wire.EventSerializer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A producer on a BACKWARD-compatible v2 schema and one on v1 write to the same topic: both land. */
class SchemaEvolutionTest {
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

  @Test
  void v1AndV2ProducersBothLandInBronze() throws Exception {
    Contract v1 = BronzeHarness.CATALOG.forTopic("payments");
    Schema v2Schema = new Schema.Parser().parse(v1.schema().toString().replace(
        "{\"name\":\"currency\",\"type\":\"string\"}",
        "{\"name\":\"currency\",\"type\":\"string\"},{\"name\":\"channel\",\"type\":\"string\",\"default\":\"web\"}"));
    Contract v2 = new Contract(v1.topic(), v2Schema, v1.keyField(), v1.eventTime(), v1.amountField(), v1.ledgerDimensions(), v1.fields(), v1.recordRules());
    EventSerializer serializer = new EventSerializer(harness.schemaIds);
    PaymentGenerator payments = new PaymentGenerator(v1, new ShopWorld(new Random(5)));

    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
      for (int i = 0; i < 30; i++) {
        GenericRecord event = payments.next(Instant.now());
        byte[] value = i % 2 == 0 ? serializer.serialize(v1, event) : serializer.serialize(v2, upgrade(event, v2Schema));
        producer.send(new ProducerRecord<>("payments", event.get("payment_id").toString(), value)).get();
      }
    }
    harness.drain(1_000);

    List<Row> versions = harness.spark.read().format("delta").load(harness.lake.bronzeTable("payments"))
        .groupBy("_schema_version").count().orderBy("_schema_version").collectAsList();
    assertEquals(2, versions.size(), versions::toString);
    assertEquals(1, versions.get(0).getInt(0));
    assertEquals(15L, versions.get(0).getLong(1));
    assertEquals(2, versions.get(1).getInt(0));
    assertEquals(15L, versions.get(1).getLong(1));
    assertEquals(0L, harness.spark.read().format("delta").load(harness.lake.table(LakeLayout.DLQ_TABLE)).count());
  }

  private static GenericRecord upgrade(GenericRecord v1Event, Schema v2Schema) {
    GenericRecord v2Event = new GenericData.Record(v2Schema);
    for (Schema.Field field : v1Event.getSchema().getFields()) {
      v2Event.put(field.name(), v1Event.get(field.name()));
    }
    v2Event.put("channel", "app");
    return v2Event;
  }

  private static java.util.Properties producerProperties() {
    java.util.Properties props = harness.kafka.clientProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }
}
