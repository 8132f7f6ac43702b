package io.assay.schemas.wire;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * The reader for a writer schema that differs from the topic's: Avro may then promote a writer's
 * {@code bytes} to the reader's {@code string} without looking at them, so every string is checked
 * again here. Same-schema readers skip this: their strings were all checked on the wire.
 */
final class PromotedStringReader extends GenericDatumReader<GenericRecord> {
  PromotedStringReader(Schema writer, Schema reader) {
    super(writer, reader, AvroData.MODEL);
  }

  @Override
  protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
    Object text = super.readString(old, expected, in);
    if (text instanceof Utf8 utf8) {
      int bad = StrictUtf8.firstMalformed(utf8.getBytes(), 0, utf8.getByteLength());
      if (bad >= 0) {
        throw new MalformedAvroException("a string read from the writer's bytes is well-formed UTF-8",
            StrictUtf8.readable(utf8.getBytes(), 0, utf8.getByteLength()));
      }
    }
    return text;
  }
}
