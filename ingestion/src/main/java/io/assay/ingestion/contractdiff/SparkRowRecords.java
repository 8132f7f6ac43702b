package io.assay.ingestion.contractdiff;

import io.assay.schemas.wire.AvroData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.spark.sql.Row;

/**
 * Bronze rows back into Avro records, the inverse of the streaming job's {@code AvroSparkTypes.internalRowOf}: so a
 * proposed contract can be checked against data already in Bronze by the one contract validator.
 */
final class SparkRowRecords {
  private SparkRowRecords() {}

  /** The row's event fields as a record of {@code schema} (the schema Bronze's columns were made from). */
  static GenericRecord toRecord(Row row, Schema schema) {
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      int index = row.schema().getFieldIndex(field.name()).getOrElse(() -> -1);
      record.put(field.pos(), index < 0 ? null : value(nonNull(field.schema()), row.get(index)));
    }
    return record;
  }

  /** The record written with its own schema and read back with {@code reader}, as Avro resolves evolved schemas. */
  static GenericRecord resolve(GenericRecord record, Schema reader) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema(), AvroData.MODEL).write(record, encoder);
      encoder.flush();
      return new GenericDatumReader<GenericRecord>(record.getSchema(), reader, AvroData.MODEL)
          .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    return switch (schema.getType()) {
      case RECORD -> toRecord((Row) value, schema);
      case ARRAY -> {
        List<Object> elements = new ArrayList<>();
        Schema elementSchema = nonNull(schema.getElementType());
        for (Object element : scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<?>) value)) {
          elements.add(value(elementSchema, element));
        }
        yield elements;
      }
      case ENUM -> new GenericData.EnumSymbol(schema, value.toString());
      case BYTES, FIXED -> value instanceof byte[] raw && schema.getType() == Schema.Type.BYTES ? java.nio.ByteBuffer.wrap(raw) : value;
      default -> value;
    };
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema);
  }
}
