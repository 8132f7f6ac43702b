package io.assay.schemas.wire;

import static io.assay.schemas.contract.DeadLetterCategory.DESERIALIZATION_ERROR;
import static io.assay.schemas.contract.DeadLetterCategory.SCHEMA_MISMATCH;
import static io.assay.schemas.contract.DeadLetterCategory.UNKNOWN_SCHEMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractViolation;
import io.assay.schemas.contract.DeadLetterCategory;
import io.assay.schemas.contract.PaymentFixture;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
  private final InMemorySchemaIds registry = new InMemorySchemaIds();
  private final Contract payments = PaymentFixture.contract();
  private final EventSerializer serializer = new EventSerializer(registry);
  private final EventDecoder decoder = new EventDecoder(payments, registry, 1024 * 1024);

  private ContractViolation undecodable(byte[] message, DeadLetterCategory expected) {
    DecodeResult result = decoder.decode(message);
    DecodeResult.Undecodable failed = assertInstanceOf(DecodeResult.Undecodable.class, result);
    assertEquals(expected, failed.violation().category(), failed.violation()::toString);
    return failed.violation();
  }

  @Test
  void roundTripsAValidPaymentWithDecimalAmount() {
    byte[] message = serializer.serialize(payments, PaymentFixture.validPayment());
    assertEquals(0, message[0]);
    DecodeResult.Decoded decoded = assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(message));
    assertEquals(new BigDecimal("14.50"), decoded.record().get("amount"));
    assertEquals("PAY-0123456789AB", decoded.record().get("payment_id").toString());
    assertEquals(WireFormat.schemaId(message), decoded.schemaId());
  }

  @Test
  void nullEmptyShortAndWrongMagicAreDeserializationErrors() {
    assertEquals("value is null", undecodable(null, DESERIALIZATION_ERROR).rule());
    assertEquals("value is empty", undecodable(new byte[0], DESERIALIZATION_ERROR).rule());
    assertTrue(undecodable(new byte[] {0, 0, 1}, DESERIALIZATION_ERROR).rule().contains("shorter than the 5-byte header"));
    byte[] message = serializer.serialize(payments, PaymentFixture.validPayment());
    message[0] = 7;
    assertTrue(undecodable(message, DESERIALIZATION_ERROR).rule().startsWith("magic byte 0x07"));
  }

  @Test
  void truncatedAvroIsADeserializationError() {
    byte[] message = serializer.serialize(payments, PaymentFixture.validPayment());
    byte[] truncated = Arrays.copyOf(message, message.length - 6);
    assertTrue(undecodable(truncated, DESERIALIZATION_ERROR).rule().startsWith("truncated or corrupt Avro"));
  }

  @Test
  void trailingBytesAreADeserializationError() {
    byte[] message = serializer.serialize(payments, PaymentFixture.validPayment());
    byte[] longer = Arrays.copyOf(message, message.length + 3);
    assertTrue(undecodable(longer, DESERIALIZATION_ERROR).rule().startsWith("bytes left over"));
  }

  @Test
  void oversizedValueIsADeserializationError() {
    EventDecoder small = new EventDecoder(payments, registry, 64);
    byte[] big = new byte[65];
    DecodeResult.Undecodable failed = assertInstanceOf(DecodeResult.Undecodable.class, small.decode(big));
    assertEquals(DESERIALIZATION_ERROR, failed.violation().category());
    assertTrue(failed.violation().rule().contains("exceeds the 64-byte limit"));
  }

  @Test
  void unknownSchemaIdIsUnknownSchema() {
    byte[] message = WireFormat.frame(999_999, new byte[] {2, 65});
    ContractViolation violation = undecodable(message, UNKNOWN_SCHEMA);
    assertEquals("schema id 999999 is not registered", violation.rule());
  }

  @Test
  void repeatedUnknownIdAsksTheRegistryOncePerIntervalAndSeesALaterRegistration() {
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    SchemaIds counting = new SchemaIds() {
      public int idFor(String subject, Schema schema) {
        return registry.idFor(subject, schema);
      }

      public java.util.Optional<Schema> schemaFor(int id) {
        lookups.incrementAndGet();
        return registry.schemaFor(id);
      }
    };
    EventDecoder decoding = new EventDecoder(payments, counting, 1024 * 1024, now::get);
    byte[] valid = serializer.serialize(payments, PaymentFixture.validPayment());
    int futureId = WireFormat.schemaId(valid) + 1;
    byte[] message = WireFormat.frame(futureId, java.util.Arrays.copyOfRange(valid, WireFormat.HEADER_LENGTH, valid.length));
    for (int i = 0; i < 100; i++) {
      assertEquals(UNKNOWN_SCHEMA, assertInstanceOf(DecodeResult.Undecodable.class, decoding.decode(message)).violation().category());
    }
    assertEquals(1, lookups.get(), "one registry call for a hundred records with the same unknown id");

    Schema v2 = new Schema.Parser().parse(payments.schema().toString().replace("{\"name\":\"currency\",\"type\":\"string\"}",
        "{\"name\":\"currency\",\"type\":\"string\"},{\"name\":\"channel\",\"type\":\"string\",\"default\":\"web\"}"));
    assertEquals(futureId, registry.idFor("payments-value", v2), "the id is registered now");
    assertEquals(UNKNOWN_SCHEMA, assertInstanceOf(DecodeResult.Undecodable.class, decoding.decode(message)).violation().category());
    assertEquals(1, lookups.get(), "within the interval the id is still taken as unknown");

    now.addAndGet(EventDecoder.UNKNOWN_ID_RECHECK_NANOS);
    DecodeResult later = decoding.decode(message);
    assertEquals(2, lookups.get(), "after the interval the registry is asked again");
    assertFalse(later instanceof DecodeResult.Undecodable u && u.violation().category() == UNKNOWN_SCHEMA, later.toString());
  }

  @Test
  void anotherTopicsSchemaIdIsSchemaMismatch() {
    Schema other = PaymentFixture.CATALOG.forTopic("weather").schema();
    int otherId = registry.idFor("weather-value", other);
    byte[] message = WireFormat.frame(otherId, new byte[] {2, 65});
    assertTrue(undecodable(message, SCHEMA_MISMATCH).rule().contains("io.assay.events.WeatherReading"));
  }

  @Test
  void writerSchemaThatCannotBeResolvedIsSchemaMismatch() {
    // Same record name, but 'amount' is a boolean: the reader cannot promote it to a decimal.
    Schema incompatible = new Schema.Parser().parse(payments.schema().toString()
        .replace("[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":12,\"scale\":2}]", "\"boolean\"").replace("\"default\":null,", "").replace(",\"default\":null", ""));
    int id = registry.idFor("payments-value", incompatible);
    assertTrue(undecodable(WireFormat.frame(id, new byte[] {0}), SCHEMA_MISMATCH).rule().contains("cannot be read as"));
  }

  @Test
  void evolvedWriterWithAnExtraFieldIsReadAsTheTopicsSchema() {
    Schema v2 = new Schema.Parser().parse(payments.schema().toString()
        .replace("{\"name\":\"currency\",\"type\":\"string\"}",
            "{\"name\":\"currency\",\"type\":\"string\"},{\"name\":\"channel\",\"type\":\"string\",\"default\":\"web\"}"));
    GenericRecord event = new GenericData.Record(v2);
    GenericRecord v1 = PaymentFixture.validPayment();
    for (Schema.Field field : payments.schema().getFields()) {
      event.put(field.name(), v1.get(field.name()));
    }
    event.put("channel", "app");
    byte[] message = serializer.serialize(withSchema(v2), event);
    assertEquals(registry.idFor("payments-value", v2), WireFormat.schemaId(message));
    DecodeResult.Decoded decoded = assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(message));
    assertEquals(payments.schema(), decoded.record().getSchema());
    assertEquals(new BigDecimal("14.50"), decoded.record().get("amount"));
  }

  @Test
  void randomBytesNeverThrowAndAlwaysFail() {
    Random random = new Random(42);
    int id = registry.idFor("payments-value", payments.schema());
    for (int i = 0; i < 5_000; i++) {
      byte[] body = new byte[random.nextInt(80)];
      random.nextBytes(body);
      DecodeResult result = decoder.decode(WireFormat.frame(id, body));
      if (result instanceof DecodeResult.Undecodable failed) {
        assertEquals(DESERIALIZATION_ERROR, failed.violation().category());
      }
    }
  }

  @Test
  void serializerRefusesMissingRequiredFieldAndWrongTypeWithTheField() {
    GenericRecord missing = PaymentFixture.validPayment();
    missing.put("payment_id", null);
    SchemaRejectedException noId = assertThrows(SchemaRejectedException.class, () -> serializer.serialize(payments, missing));
    assertEquals("payments: payment_id is null but the schema does not allow null", noId.getMessage());
    GenericRecord wrongType = PaymentFixture.validPayment();
    wrongType.put("amount", "14.50");
    SchemaRejectedException wrong = assertThrows(SchemaRejectedException.class, () -> serializer.serialize(payments, wrongType));
    assertTrue(wrong.getMessage().contains("amount expects one of"), wrong.getMessage());
  }

  @Test
  void serializerRefusesDecimalThatDoesNotFitTheScale() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("amount", new BigDecimal("1.005"));
    assertThrows(SchemaRejectedException.class, () -> serializer.serialize(payments, payment));
  }

  private Contract withSchema(Schema schema) {
    return new Contract(payments.topic(), schema, payments.keyField(), payments.eventTime(),
        payments.amountField(), payments.ledgerDimensions(), payments.fields());
  }
}
