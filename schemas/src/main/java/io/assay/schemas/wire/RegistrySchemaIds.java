package io.assay.schemas.wire;

import io.assay.schemas.registry.SchemaRegistryClient;
import io.assay.schemas.registry.UnknownSchemaException;
import java.util.Optional;
import org.apache.avro.Schema;

/** {@link SchemaIds} backed by a Confluent-compatible registry (the client caches ids). */
public final class RegistrySchemaIds implements SchemaIds {
  private final SchemaRegistryClient client;

  public RegistrySchemaIds(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public int idFor(String subject, Schema schema) {
    return client.register(subject, schema);
  }

  @Override
  public Optional<Schema> schemaFor(int id) {
    try {
      return Optional.of(client.schemaById(id));
    } catch (UnknownSchemaException e) {
      return Optional.empty();
    }
  }
}
