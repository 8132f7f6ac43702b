package io.assay.stack.registry;

import java.util.Objects;

/** One version of a subject: which schema (by global id) it holds. */
record SchemaVersion(String subject, int version, int id, NormalizedSchema schema) {

  SchemaVersion {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
    if (version < 1 || id < 1) {
      throw new IllegalArgumentException("versions and ids start at 1, got version " + version + ", id " + id);
    }
  }
}
