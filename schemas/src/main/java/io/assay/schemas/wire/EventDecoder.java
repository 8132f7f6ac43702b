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

/**
 * Consumer side of the wire format for one topic: reads a Confluent-framed message with the writer
 * schema its header names, resolved to the topic's reader schema (so evolved producers keep
 * working). Decoding is strict ({@link StrictBinaryDecoder}): bytes that are not valid Avro, such
 * as malformed UTF-8 in any string or a varint that overflows its type, are refused, never altered.
 * Every failure becomes an {@link DecodeResult.Undecodable} with its category, and with the field
 * where the bytes break when that is known; only an unreachable registry escapes as an exception,
 * because that is an outage, not bad data.
 */
public final class EventDecoder {
  static final long UNKNOWN_ID_RECHECK_NANOS = 10_000_000_000L;
  private final Contract contract;
  private final SchemaIds schemaIds;
  private final int maxMessageBytes;
  /** A writer schema's reader, resolving to the topic's schema, and its locator of failures, made when first needed. */
  private static final class WriterReader {
    final Schema writer;
    final GenericDatumReader<GenericRecord> reader;
    FieldLocator locator;

    WriterReader(Schema writer, GenericDatumReader<GenericRecord> reader) {
      this.writer = writer;
      this.reader = reader;
    }
  }

  /** Per writer id: a {@link WriterReader} for it, or the reason it cannot be read as this topic's schema. */
  private final ConcurrentMap<Integer, Object> readers = new ConcurrentHashMap<>();
  /**
   * Unknown ids and when they were last asked for: a rogue producer repeating one bad id costs one
   * registry call per id and interval, not one per record; an id registered later is seen after the interval.
   */
  private final Map<Integer, Long> unknownAskedAt = new HashMap<>();
  private final LongSupplier nanoTime;
  private final StrictBinaryDecoder decoder = new StrictBinaryDecoder();

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
    WriterReader writerReader = (WriterReader) reader;
    int bodyLength = message.length - WireFormat.HEADER_LENGTH;
    try {
      GenericRecord record = writerReader.reader.read(null, decoder.reset(message, WireFormat.HEADER_LENGTH, bodyLength));
      if (!decoder.isEnd()) {
        return undecodable(DeadLetterCategory.DESERIALIZATION_ERROR,
            "bytes left over after the record: corrupt or written with another schema", schemaId);
      }
      return new DecodeResult.Decoded(record, schemaId);
    } catch (java.io.IOException | AvroRuntimeException | IndexOutOfBoundsException
        | NegativeArraySizeException | UnsupportedOperationException | ClassCastException
        | IllegalArgumentException | ArithmeticException e) {
      if (writerReader.locator == null) {
        writerReader.locator = new FieldLocator(writerReader.writer);
      }
      MalformedAvroException located = writerReader.locator.locate(message, WireFormat.HEADER_LENGTH, bodyLength);
      MalformedAvroException failure = located != null ? located : MalformedAvroException.of(e);
      return new DecodeResult.Undecodable(new ContractViolation(DeadLetterCategory.DESERIALIZATION_ERROR,
          contract.topic(), failure.path(), failure.observed(), failure.rule()), schemaId);
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
    GenericDatumReader<GenericRecord> datumReader = writer.get().equals(reader)
        ? new GenericDatumReader<>(writer.get(), reader, AvroData.MODEL)
        : new PromotedStringReader(writer.get(), reader);
    return new WriterReader(writer.get(), datumReader);
  }

  private ContractViolation unknownId(int schemaId) {
    return ContractViolation.ofRecord(DeadLetterCategory.UNKNOWN_SCHEMA, contract.topic(), "schema id " + schemaId + " is not registered");
  }

  private DecodeResult undecodable(DeadLetterCategory category, String rule, int schemaId) {
    return new DecodeResult.Undecodable(ContractViolation.ofRecord(category, contract.topic(), rule), schemaId);
  }
}
