package io.assay.schemas.wire;

import java.util.Optional;
import org.apache.avro.Schema;

/** What the wire format needs of a schema registry: ids for schemas, and schemas for ids. */
public interface SchemaIds {
  /** Registers the schema under the subject (or finds it) and returns its global id. */
  int idFor(String subject, Schema schema);

  /** The writer schema with this id, or empty when the registry does not know the id. */
  Optional<Schema> schemaFor(int id);
}
