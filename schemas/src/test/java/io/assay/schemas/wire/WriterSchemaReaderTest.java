package io.assay.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.contract.PaymentFixture;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code dlq show} decodes for a person: the strict decoder's verdict on every corpus entry, never an altered record. */
class WriterSchemaReaderTest {
  private static final ContractCatalog CATALOG = PaymentFixture.CATALOG;

  static java.util.stream.Stream<MalformedAvroCorpus.Entry> corpus() {
    return EventDecoderTest.corpus();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void decodesValidBytesExactlyAndRefusesMalformedOnesNamingTheField(MalformedAvroCorpus.Entry entry) {
    Schema writer = CATALOG.forTopic(entry.topic()).schema();
    byte[] framed = entry.framed(7);
    if (entry.valid()) {
      GenericRecord record = WriterSchemaReader.read(writer, framed);
      assertArrayEquals(entry.body(), MalformedAvroCorpus.encode(record), "decoded record re-encodes to the bytes sent");
      return;
    }
    MalformedAvroException refused = assertThrows(MalformedAvroException.class, () -> WriterSchemaReader.read(writer, framed));
    assertEquals(entry.brokenField().orElseThrow(), refused.path(), refused::getMessage);
    assertTrue(refused.rule().contains(entry.rule()), refused::rule);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void bytesLeftOverAfterTheRecordAreRefused(MalformedAvroCorpus.Entry entry) {
    if (!entry.valid()) {
      return;
    }
    byte[] body = MalformedAvroCorpus.concat(entry.body(), new byte[] {0x02});
    MalformedAvroException refused = assertThrows(MalformedAvroException.class,
        () -> WriterSchemaReader.read(CATALOG.forTopic(entry.topic()).schema(), WireFormat.frame(7, body)));
    assertTrue(refused.rule().contains("bytes left over"), refused::rule);
  }
}
