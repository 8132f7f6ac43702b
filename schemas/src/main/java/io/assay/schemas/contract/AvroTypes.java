package io.assay.schemas.contract;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Small facts about Avro schemas that contracts need. */
final class AvroTypes {
  private AvroTypes() {}

  /** The non-null branch of a {@code ["null", X]} union, or the schema itself. */
  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    Schema nonNull = null;
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        if (nonNull != null) {
          return schema; // a real multi-type union: leave it to the caller to reject
        }
        nonNull = branch;
      }
    }
    return nonNull == null ? schema : nonNull;
  }

  static boolean isDecimal(Schema schema) {
    return schema.getLogicalType() instanceof LogicalTypes.Decimal;
  }
}
