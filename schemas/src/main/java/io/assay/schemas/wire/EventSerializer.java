package io.assay.schemas.wire;

import io.assay.schemas.contract.Contract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Producer side of the contract: an event is framed in Confluent's wire format only if it fits the
 * topic's registered schema. Anything else is refused with the reason, before it can reach Kafka.
 */
public final class EventSerializer {
  private final SchemaIds schemaIds;

  public EventSerializer(SchemaIds schemaIds) {
    this.schemaIds = schemaIds;
  }

  /** The framed bytes of the event, or {@link SchemaRejectedException} saying which field broke the schema. */
  public byte[] serialize(Contract contract, GenericRecord event) {
    SchemaConformance.problem(contract.schema(), event).ifPresent(reason -> {
      throw new SchemaRejectedException(contract.topic(), reason);
    });
    int id = schemaIds.idFor(contract.subject(), contract.schema());
    return WireFormat.frame(id, avroBinary(contract, event));
  }

  private static byte[] avroBinary(Contract contract, GenericRecord event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(contract.schema(), AvroData.MODEL).write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // Avro's own checks (e.g. decimal precision) are the last word on conformance.
      throw new SchemaRejectedException(contract.topic(), e.getMessage());
    }
    return out.toByteArray();
  }
}
