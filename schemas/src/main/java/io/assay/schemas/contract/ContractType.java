package io.assay.schemas.contract;

import java.math.BigDecimal;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** The value types a contract can declare, and which Avro types and Java values match each. */
public enum ContractType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  DECIMAL,
  BOOLEAN,
  ARRAY,
  RECORD;

  public static ContractType parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown type '" + text + "': use one of string, int, long, double, decimal, boolean, array, record");
    }
  }

  /** Whether a field of this Avro schema (nullable union already unwrapped) holds this type. */
  public boolean matchesSchema(Schema schema) {
    return switch (this) {
      case STRING -> schema.getType() == Schema.Type.STRING;
      case INT -> schema.getType() == Schema.Type.INT;
      case LONG -> schema.getType() == Schema.Type.LONG;
      case DOUBLE -> schema.getType() == Schema.Type.DOUBLE || schema.getType() == Schema.Type.FLOAT;
      case DECIMAL -> AvroTypes.isDecimal(schema);
      case BOOLEAN -> schema.getType() == Schema.Type.BOOLEAN;
      case ARRAY -> schema.getType() == Schema.Type.ARRAY;
      case RECORD -> schema.getType() == Schema.Type.RECORD;
    };
  }

  /** Whether a decoded, non-null value is of this type. */
  public boolean matchesValue(Object value) {
    return switch (this) {
      case STRING -> value instanceof CharSequence;
      case INT -> value instanceof Integer;
      case LONG -> value instanceof Long;
      case DOUBLE -> value instanceof Double || value instanceof Float;
      case DECIMAL -> value instanceof BigDecimal;
      case BOOLEAN -> value instanceof Boolean;
      case ARRAY -> value instanceof Collection<?>;
      case RECORD -> value instanceof GenericRecord;
    };
  }

  public boolean isNumeric() {
    return this == INT || this == LONG || this == DOUBLE || this == DECIMAL;
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
