package io.assay.schemas.wire;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Says why a datum does not fit its Avro schema, naming the field, so a producer can log and count
 * the reason it refused an event. Avro's own {@code GenericData.validate} only answers yes or no.
 */
public final class SchemaConformance {
  private SchemaConformance() {}

  /** Empty when the datum fits the schema; else the first problem found, e.g. "quantity expects int, got String". */
  public static Optional<String> problem(Schema schema, Object datum) {
    return Optional.ofNullable(check(schema, datum, ""));
  }

  private static String check(Schema schema, Object datum, String path) {
    String where = path.isEmpty() ? "record" : path;
    switch (schema.getType()) {
      case UNION:
        for (Schema branch : schema.getTypes()) {
          if (check(branch, datum, path) == null) {
            return null;
          }
        }
        return datum == null
            ? where + " is null but the schema does not allow null"
            : where + " expects one of " + schema.getTypes() + ", got " + typeName(datum);
      case NULL:
        return datum == null ? null : where + " expects null, got " + typeName(datum);
      case RECORD:
        if (!(datum instanceof GenericRecord record)) {
          return mismatch(where, schema, datum);
        }
        if (!record.getSchema().getFullName().equals(schema.getFullName())) {
          return where + " expects record " + schema.getFullName() + ", got " + record.getSchema().getFullName();
        }
        for (Schema.Field field : schema.getFields()) {
          String problem = check(field.schema(), record.get(field.name()), path.isEmpty() ? field.name() : path + "." + field.name());
          if (problem != null) {
            return problem;
          }
        }
        return null;
      case ARRAY:
        if (!(datum instanceof Collection<?> elements)) {
          return mismatch(where, schema, datum);
        }
        int i = 0;
        for (Object element : elements) {
          String problem = check(schema.getElementType(), element, path + "[" + i++ + "]");
          if (problem != null) {
            return problem;
          }
        }
        return null;
      case MAP:
        return datum instanceof Map<?, ?> ? null : mismatch(where, schema, datum);
      case BYTES:
      case FIXED:
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
          if (!(datum instanceof BigDecimal value)) {
            return mismatch(where, schema, datum);
          }
          return value.scale() <= decimal.getScale() && value.precision() - value.scale() <= decimal.getPrecision() - decimal.getScale()
              ? null
              : where + " value " + value.toPlainString() + " does not fit decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        return datum instanceof ByteBuffer || datum instanceof byte[] ? null : mismatch(where, schema, datum);
      default:
        return fitsPrimitive(schema.getType(), datum) ? null : mismatch(where, schema, datum);
    }
  }

  private static boolean fitsPrimitive(Schema.Type type, Object datum) {
    return switch (type) {
      case STRING -> datum instanceof CharSequence;
      case INT -> datum instanceof Integer;
      case LONG -> datum instanceof Long;
      case FLOAT -> datum instanceof Float;
      case DOUBLE -> datum instanceof Double;
      case BOOLEAN -> datum instanceof Boolean;
      case ENUM -> datum instanceof org.apache.avro.generic.GenericEnumSymbol<?> || datum instanceof CharSequence;
      default -> false;
    };
  }

  private static String mismatch(String where, Schema schema, Object datum) {
    if (datum == null) {
      return where + " is null but the schema does not allow null";
    }
    String expected = schema.getLogicalType() != null ? schema.getLogicalType().getName() : schema.getType().getName();
    return where + " expects " + expected + ", got " + typeName(datum);
  }

  private static String typeName(Object datum) {
    return datum == null ? "null" : datum.getClass().getSimpleName();
  }
}
