package io.assay.schemas.wire;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/** A registry in a map, for wire-format tests that are not about the registry. */
public final class InMemorySchemaIds implements SchemaIds {
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final Map<String, Integer> idBySchema = new ConcurrentHashMap<>();

  @Override
  public synchronized int idFor(String subject, Schema schema) {
    return idBySchema.computeIfAbsent(schema.toString(), text -> {
      int id = byId.size() + 1;
      byId.put(id, schema);
      return id;
    });
  }

  @Override
  public Optional<Schema> schemaFor(int id) {
    return Optional.ofNullable(byId.get(id));
  }
}
