package io.assay.stack.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A parsed Avro schema and its normalized JSON, which is what identity is decided on.
 *
 * <p>Not Avro's parsing canonical form: that drops defaults, docs and logical types, so two
 * schemas differing only in a default would get one id. {@link Schema#toString()} keeps them but
 * still ignores whitespace and attribute order.
 */
record NormalizedSchema(Schema schema, String json) {

  NormalizedSchema {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(json, "json");
  }

  static NormalizedSchema parse(String text) {
    if (text == null || text.isBlank()) {
      throw RegistryError.invalidSchema("the schema is empty");
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      // Untrusted text: Avro reports bad schemas through several unchecked types, not only SchemaParseException.
      throw RegistryError.invalidSchema(e.getMessage());
    }
    return new NormalizedSchema(schema, schema.toString());
  }
}
