package io.assay.ingestion.bronze;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Maps a topic's Avro schema to Spark types, and decoded records to Spark rows of that type. */
public final class AvroSparkTypes {
  private AvroSparkTypes() {}

  public static StructType structOf(Schema record) {
    List<StructField> fields = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      Schema schema = field.schema();
      boolean nullable = isNullable(schema);
      fields.add(DataTypes.createStructField(field.name(), typeOf(nonNull(schema)), nullable));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType typeOf(Schema schema) {
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      return DataTypes.createDecimalType(decimal.getPrecision(), decimal.getScale());
    }
    return switch (schema.getType()) {
      case STRING, ENUM -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case FLOAT -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case BYTES, FIXED -> DataTypes.BinaryType;
      case RECORD -> structOf(schema);
      case ARRAY -> DataTypes.createArrayType(typeOf(nonNull(schema.getElementType())), isNullable(schema.getElementType()));
      case MAP -> DataTypes.createMapType(DataTypes.StringType, typeOf(nonNull(schema.getValueType())), isNullable(schema.getValueType()));
      default -> throw new IllegalArgumentException("Avro type " + schema.getType() + " has no Bronze column type");
    };
  }

  /** The record as a Spark row of {@link #structOf} its schema. */
  public static Row rowOf(GenericRecord record) {
    List<Schema.Field> fields = record.getSchema().getFields();
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = valueOf(nonNull(fields.get(i).schema()), record.get(i));
    }
    return RowFactory.create(values);
  }

  private static Object valueOf(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    return switch (schema.getType()) {
      case STRING, ENUM -> value.toString();
      case RECORD -> rowOf((GenericRecord) value);
      case ARRAY -> {
        Collection<?> elements = (Collection<?>) value;
        Object[] converted = new Object[elements.size()];
        int i = 0;
        Schema elementSchema = nonNull(schema.getElementType());
        for (Object element : elements) {
          converted[i++] = valueOf(elementSchema, element);
        }
        yield converted;
      }
      case BYTES, FIXED -> value instanceof BigDecimal ? value : bytes(value);
      default -> value;
    };
  }

  private static Object bytes(Object value) {
    if (value instanceof java.nio.ByteBuffer buffer) {
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      return copy;
    }
    return value instanceof org.apache.avro.generic.GenericFixed fixed ? fixed.bytes() : value;
  }

  private static boolean isNullable(Schema schema) {
    return schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("a union of only null has no column type"));
  }
}
