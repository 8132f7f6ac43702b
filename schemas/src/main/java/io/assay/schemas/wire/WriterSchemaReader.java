package io.assay.schemas.wire;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads a Confluent-framed message's body with its writer schema alone (no resolution to a topic's
 * schema), through the same strict decoder the ingest uses: a payload shown to a person is what was
 * sent, and bytes the ingest refuses (malformed UTF-8, overflowing varints, bytes left over) are
 * refused here too rather than shown altered.
 */
public final class WriterSchemaReader {
  private WriterSchemaReader() {}

  /** The record, or a {@link MalformedAvroException} naming the broken rule and, where known, the field. */
  public static GenericRecord read(Schema writer, byte[] message) {
    if (message.length < WireFormat.HEADER_LENGTH || message[0] != WireFormat.MAGIC_BYTE) {
      throw new MalformedAvroException("not Confluent wire format", null);
    }
    int bodyLength = message.length - WireFormat.HEADER_LENGTH;
    StrictBinaryDecoder decoder = new StrictBinaryDecoder().reset(message, WireFormat.HEADER_LENGTH, bodyLength);
    GenericRecord record;
    try {
      record = new GenericDatumReader<GenericRecord>(writer, writer, AvroData.MODEL).read(null, decoder);
    } catch (java.io.IOException | RuntimeException e) {
      MalformedAvroException located = new FieldLocator(writer).locate(message, WireFormat.HEADER_LENGTH, bodyLength);
      throw located != null ? located : MalformedAvroException.of(e);
    }
    if (!decoder.isEnd()) {
      throw new MalformedAvroException("bytes left over after a " + writer.getFullName() + " record", null);
    }
    return record;
  }
}
