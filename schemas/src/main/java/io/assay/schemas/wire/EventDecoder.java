package io.assay.schemas.wire;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractViolation;
import io.assay.schemas.contract.DeadLetterCategory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Consumer side of the wire format for one topic: reads a Confluent-framed message with the writer
 * schema its header names, resolved to the topic's reader schema (so evolved producers keep
 * working). Every failure becomes an {@link DecodeResult.Undecodable} with its category; only an
 * unreachable registry escapes as an exception, because that is an outage, not bad data.
 */
public final class EventDecoder {
  static final long UNKNOWN_ID_RECHECK_NANOS = 10_000_000_000L;
  private final Contract contract;
  private final SchemaIds schemaIds;
  private final int maxMessageBytes;
  /** Per writer id: a reader for it, or the reason it cannot be read as this topic's schema. */
  private final ConcurrentMap<Integer, Object> readers = new ConcurrentHashMap<>();
  /**
   * Unknown ids and when they were last asked for: a rogue producer repeating one bad id costs one
   * registry call per id and interval, not one per record; an id registered later is seen after the interval.
   */
  private final Map<Integer, Long> unknownAskedAt = new HashMap<>();
  private final LongSupplier nanoTime;
  private BinaryDecoder reusableDecoder;

  public EventDecoder(Contract contract, SchemaIds schemaIds, int maxMessageBytes) {
    this(contract, schemaIds, maxMessageBytes, System::nanoTime);
  }

  EventDecoder(Contract contract, SchemaIds schemaIds, int maxMessageBytes, LongSupplier nanoTime) {
    this.contract = contract;
    this.schemaIds = schemaIds;
    this.maxMessageBytes = maxMessageBytes;
    this.nanoTime = nanoTime;
  }

  /** Not thread-safe (it reuses one decoder); use one instance per thread or task. */
  public DecodeResult decode(byte[] message) {
    if (message == null || message.length == 0) {
      return undecodable(DeadLetterCategory.DESERIALIZATION_ERROR, message == null ? "value is null" : "value is empty", -1);
    }
    if (message.length > maxMessageBytes) {
      return undecodable(DeadLetterCategory.DESERIALIZATION_ERROR,
          "value of " + message.length + " bytes exceeds the " + maxMessageBytes + "-byte limit", -1);
    }
    if (message[0] != WireFormat.MAGIC_BYTE) {
      return undecodable(DeadLetterCategory.DESERIALIZATION_ERROR,
          String.format("magic byte 0x%02x is not 0x00: not Confluent wire format", message[0]), -1);
    }
    if (message.length < WireFormat.HEADER_LENGTH) {
      return undecodable(DeadLetterCategory.DESERIALIZATION_ERROR,
          "value of " + message.length + " bytes is shorter than the 5-byte header", -1);
    }
    int schemaId = WireFormat.schemaId(message);
    Long askedAt = unknownAskedAt.get(schemaId);
    if (askedAt != null && nanoTime.getAsLong() - askedAt < UNKNOWN_ID_RECHECK_NANOS) {
      return new DecodeResult.Undecodable(unknownId(schemaId), schemaId);
    }
    Object reader = readers.computeIfAbsent(schemaId, this::readerFor);
    if (reader instanceof ContractViolation violation) {
      if (violation.category() == DeadLetterCategory.UNKNOWN_SCHEMA) {
        readers.remove(schemaId); // the id may be registered later: ask again after the interval
        unknownAskedAt.put(schemaId, nanoTime.getAsLong());
      }
      return new DecodeResult.Undecodable(violation, schemaId);
    }
    unknownAskedAt.remove(schemaId);
    @SuppressWarnings("unchecked")
    GenericDatumReader<GenericRecord> datumReader = (GenericDatumReader<GenericRecord>) reader;
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
          message, WireFormat.HEADER_LENGTH, message.length - WireFormat.HEADER_LENGTH, reusableDecoder);
      reusableDecoder = decoder;
      GenericRecord record = datumReader.read(null, decoder);
      if (!decoder.isEnd()) {
        return undecodable(DeadLetterCategory.DESERIALIZATION_ERROR,
            "bytes left over after the record: corrupt or written with another schema", schemaId);
      }
      return new DecodeResult.Decoded(record, schemaId);
    } catch (java.io.IOException | AvroRuntimeException | IndexOutOfBoundsException
        | NegativeArraySizeException | UnsupportedOperationException | ClassCastException
        | IllegalArgumentException | ArithmeticException e) {
      return undecodable(DeadLetterCategory.DESERIALIZATION_ERROR,
          "truncated or corrupt Avro: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          schemaId);
    }
  }

  private Object readerFor(int schemaId) {
    Optional<Schema> writer = schemaIds.schemaFor(schemaId);
    if (writer.isEmpty()) {
      return unknownId(schemaId);
    }
    Schema reader = contract.schema();
    if (!writer.get().getFullName().equals(reader.getFullName())) {
      return ContractViolation.ofRecord(DeadLetterCategory.SCHEMA_MISMATCH, contract.topic(),
          "schema id " + schemaId + " is " + writer.get().getFullName() + ", not this topic's " + reader.getFullName());
    }
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer.get());
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return ContractViolation.ofRecord(DeadLetterCategory.SCHEMA_MISMATCH, contract.topic(),
          "schema id " + schemaId + " cannot be read as " + reader.getFullName() + ": " + compatibility.getDescription());
    }
    return new GenericDatumReader<GenericRecord>(writer.get(), reader, AvroData.MODEL);
  }

  private ContractViolation unknownId(int schemaId) {
    return ContractViolation.ofRecord(DeadLetterCategory.UNKNOWN_SCHEMA, contract.topic(), "schema id " + schemaId + " is not registered");
  }

  private DecodeResult undecodable(DeadLetterCategory category, String rule, int schemaId) {
    return new DecodeResult.Undecodable(ContractViolation.ofRecord(category, contract.topic(), rule), schemaId);
  }
}
