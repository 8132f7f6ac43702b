package io.assay.ingestion.deadletter;

import io.assay.schemas.registry.RegistryUnavailableException;
import io.assay.schemas.registry.SchemaRegistryClient;
import io.assay.schemas.registry.UnknownSchemaException;
import io.assay.schemas.wire.MalformedAvroException;
import io.assay.schemas.wire.WireFormat;
import io.assay.schemas.wire.WriterSchemaReader;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Shows a dead letter's original bytes for a person: decoded with the writer schema its header names
 * (not resolved to the topic's schema, so a mismatched record still shows what was sent) and the
 * ingest's strict decoder where that works, hex otherwise.
 */
public final class PayloadRenderer {
  /** Longer payloads (an oversized record is over 1 MiB) are shown in part. */
  static final int MAX_HEX_BYTES = 256;

  /** How the payload was shown: {@code decoded} (Avro JSON) or {@code hex}, and why not decoded. */
  public record Rendered(String form, String text, String note) {}

  private final SchemaRegistryClient registry;

  public PayloadRenderer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  public Rendered render(byte[] value) {
    if (value == null) {
      return new Rendered("hex", "", "no value (tombstone)");
    }
    if (value.length < WireFormat.HEADER_LENGTH || value[0] != WireFormat.MAGIC_BYTE) {
      return hex(value, "not Confluent wire format");
    }
    int schemaId = WireFormat.schemaId(value);
    Schema writer;
    try {
      writer = registry.schemaById(schemaId);
    } catch (UnknownSchemaException e) {
      return hex(value, "schema id " + schemaId + " is not registered");
    } catch (RegistryUnavailableException e) {
      return hex(value, "schema registry unreachable: " + e.getMessage());
    } catch (io.assay.schemas.registry.RegistryException e) {
      return hex(value, "the registry refused schema id " + schemaId + ": " + e.getMessage());
    }
    try {
      GenericRecord record = WriterSchemaReader.read(writer, value);
      return new Rendered("decoded", record.toString(), "schema id " + schemaId + " (" + writer.getFullName() + ")");
    } catch (MalformedAvroException e) {
      String where = e.path() == null || e.path().isEmpty() ? "" : " at " + e.path();
      return hex(value, "does not decode with schema id " + schemaId + where + ": " + e.rule());
    }
  }

  private static Rendered hex(byte[] value, String note) {
    String text = HexFormat.of().formatHex(value, 0, Math.min(value.length, MAX_HEX_BYTES));
    return new Rendered("hex", value.length > MAX_HEX_BYTES ? text + "... (" + value.length + " bytes)" : text, note);
  }
}
