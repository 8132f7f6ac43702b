package io.assay.schemas.wire;

import static io.assay.schemas.contract.DeadLetterCategory.DESERIALIZATION_ERROR;
import static io.assay.schemas.contract.DeadLetterCategory.SCHEMA_MISMATCH;
import static io.assay.schemas.contract.DeadLetterCategory.UNKNOWN_SCHEMA;
import static io.assay.schemas.wire.MalformedAvroCorpus.bytes;
import static io.assay.schemas.wire.MalformedAvroCorpus.concat;
import static io.assay.schemas.wire.MalformedAvroCorpus.utf8;
import static io.assay.schemas.wire.MalformedAvroCorpus.zigZag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.contract.ContractViolation;
import io.assay.schemas.contract.DeadLetterCategory;
import io.assay.schemas.contract.OrderFixture;
import io.assay.schemas.contract.PaymentFixture;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventDecoderTest {
  private static final ContractCatalog CATALOG = PaymentFixture.CATALOG;
  private static final InMemorySchemaIds REGISTRY = new InMemorySchemaIds();
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

  static Stream<MalformedAvroCorpus.Entry> corpus() {
    return MalformedAvroCorpus.from(validEvents()).stream();
  }

  static Map<String, GenericRecord> validEvents() {
    Map<String, GenericRecord> events = new HashMap<>();
    events.put("orders", OrderFixture.validOrder(CATALOG.forTopic("orders")));
    events.put("payments", PaymentFixture.validPayment());
    events.put("weather", OrderFixture.validWeather(CATALOG.forTopic("weather")));
    GenericRecord click = new GenericData.Record(CATALOG.forTopic("clickstream").schema());
    click.put("event_id", UUID.nameUUIDFromBytes(new byte[] {1}).toString());
    click.put("session_id", "SES-0123456789");
    click.put("event_ts", "2026-11-24T11:00:00Z");
    click.put("event_type", "page_view");
    click.put("page_url", "/home");
    click.put("device", "mobile");
    click.put("duration_ms", 5_000);
    events.put("clickstream", click);
    return events;
  }

  private static DecodeResult decodeEntry(MalformedAvroCorpus.Entry entry) {
    Contract contract = CATALOG.forTopic(entry.topic());
    int id = REGISTRY.idFor(contract.subject(), contract.schema());
    return new EventDecoder(contract, REGISTRY, 1024 * 1024).decode(entry.framed(id));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyCorpusEntryIsRefusedNamingItsFieldOrDecodedExactly(MalformedAvroCorpus.Entry entry) {
    DecodeResult result = decodeEntry(entry);
    if (entry.valid()) {
      GenericRecord decoded = assertInstanceOf(DecodeResult.Decoded.class, result, result::toString).record();
      assertArrayEquals(entry.body(), MalformedAvroCorpus.encode(decoded), "decoded record re-encodes to the bytes sent");
      return;
    }
    ContractViolation violation = assertInstanceOf(DecodeResult.Undecodable.class, result, result::toString).violation();
    assertEquals(DESERIALIZATION_ERROR, violation.category());
    assertEquals(entry.brokenField().orElseThrow(), violation.field(), violation::toString);
    assertTrue(violation.rule().contains(entry.rule()), violation::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void avrosOwnReaderLetsTheWrappingCasesThroughUnchanged(MalformedAvroCorpus.Entry entry) {
    if (!entry.name().contains("(Avro reads")) {
      return;
    }
    Schema schema = CATALOG.forTopic(entry.topic()).schema();
    assertDoesNotThrow(() -> new GenericDatumReader<GenericRecord>(schema, schema, AvroData.MODEL)
        .read(null, DecoderFactory.get().binaryDecoder(entry.body(), null)),
        "the corpus entry must be one that Avro's lenient reader accepts");
  }

  @Test
  void malformedStringIsReportedReadablyWithTheOffendingByte() {
    MalformedAvroCorpus.Entry overlong = corpus().filter(e -> e.name().startsWith("overlong")).findFirst().orElseThrow();
    ContractViolation violation = ((DecodeResult.Undecodable) decodeEntry(overlong)).violation();
    assertEquals("Le\\xc0\\xafeds", violation.observedValue());
    assertEquals("shipping_address.city=Le\\xc0\\xafeds violates a string is well-formed UTF-8 (byte 0xc0 at 2 is not)",
        violation.detail());
  }

  @Test
  void overflowingIntShowsItsBytes() {
    MalformedAvroCorpus.Entry wrapped = corpus().filter(e -> e.name().startsWith("int varint with")).findFirst().orElseThrow();
    ContractViolation violation = ((DecodeResult.Undecodable) decodeEntry(wrapped)).violation();
    assertEquals("90 ce 80 80 10", violation.observedValue(), "5000 zig-zagged is 10000, with bit 32 set in the fifth byte");
  }

  @Test
  void malformedStringInAFieldTheTopicsSchemaDropsIsStillRefusedAndNamed() {
    Contract payments = PaymentFixture.contract();
    Schema v2 = new Schema.Parser().parse(payments.schema().toString().replace("{\"name\":\"currency\",\"type\":\"string\"}",
        "{\"name\":\"currency\",\"type\":\"string\"},{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}"));
    int id = REGISTRY.idFor(payments.subject(), v2);
    byte[] v1Body = MalformedAvroCorpus.encode(PaymentFixture.validPayment());
    byte[] currency = MalformedAvroCorpus.encodedString("EUR");
    byte[] body = MalformedAvroCorpus.replace(v1Body, currency, concat(currency, zigZag(2), bytes('o', 0xff)));
    DecodeResult result = new EventDecoder(payments, REGISTRY, 1024 * 1024).decode(WireFormat.frame(id, body));
    ContractViolation violation = assertInstanceOf(DecodeResult.Undecodable.class, result, result::toString).violation();
    assertEquals("note", violation.field(), "named in the writer's schema, where the bytes are");
    assertEquals("o\\xff", violation.observedValue());
  }

  @Test
  void bytesPromotedToAStringMustBeUtf8Too() {
    Contract payments = PaymentFixture.contract();
    Schema writer = new Schema.Parser().parse(payments.schema().toString()
        .replace("{\"name\":\"failure_reason\",\"type\":[\"null\",\"string\"]", "{\"name\":\"failure_reason\",\"type\":[\"null\",\"bytes\"]"));
    assertFalse(writer.equals(payments.schema()), "the test must change the writer's schema");
    int id = REGISTRY.idFor(payments.subject(), writer);
    byte[] nullReason = MalformedAvroCorpus.encode(PaymentFixture.validPayment());
    byte[] prefix = Arrays.copyOf(nullReason, nullReason.length - 1);
    EventDecoder decoder = new EventDecoder(payments, REGISTRY, 1024 * 1024);

    DecodeResult good = decoder.decode(WireFormat.frame(id, concat(prefix, zigZag(1), zigZag(7), utf8("timeout"))));
    assertEquals("timeout", assertInstanceOf(DecodeResult.Decoded.class, good, good::toString).record().get("failure_reason").toString());
    DecodeResult bad = decoder.decode(WireFormat.frame(id, concat(prefix, zigZag(1), zigZag(3), bytes('t', 0xff, 'o'))));
    ContractViolation violation = assertInstanceOf(DecodeResult.Undecodable.class, bad, bad::toString).violation();
    assertEquals(DESERIALIZATION_ERROR, violation.category());
    assertEquals("t\\xffo", violation.observedValue());
  }

  @Test
  void corpusCoversEveryDepthAndEveryClassOfSilentWrap() {
    List<String> fields = corpus().filter(e -> !e.valid()).map(e -> e.brokenField().orElseThrow()).toList();
    assertTrue(fields.containsAll(List.of("order_id", "shipping_address.city", "items[1].product_name", "items",
        "duration_ms", "failure_reason", "city")), fields.toString());
  }
  private Contract withSchema(Schema schema) {
    return new Contract(payments.topic(), schema, payments.keyField(), payments.eventTime(),
        payments.amountField(), payments.ledgerDimensions(), payments.fields());
  }
}
