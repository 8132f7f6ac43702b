package io.assay.ingestion.bronze;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import java.util.Map;
import org.apache.avro.util.Utf8;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
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

  /**
   * The record as a row of Spark's internal representation for {@link #structOf} its schema, built
   * straight from Avro's values (a string's UTF-8 bytes are wrapped, not decoded and encoded again) so
   * that no external {@code Row} is encoded per record (measured: ingestion/README.md).
   */
  public static InternalRow internalRowOf(GenericRecord record) {
    List<Schema.Field> fields = record.getSchema().getFields();
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = internalValueOf(nonNull(fields.get(i).schema()), record.get(i));
    }
    return new GenericInternalRow(values);
  }

  /** Records of one schema as a local DataFrame of {@link #structOf} it, converted as the streaming job converts them. */
  public static Dataset<Row> dataFrameOf(SparkSession spark, Schema schema, List<GenericRecord> records) {
    List<InternalRow> rows = records.stream().map(AvroSparkTypes::internalRowOf).toList();
    RDD<InternalRow> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 1).rdd();
    return spark.internalCreateDataFrame(rdd, structOf(schema), false);
  }

  private static Object internalValueOf(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      // As Spark's encoder of a BigDecimal: rounded to the column's scale, null where it overflows the precision.
      Decimal converted = Decimal.apply((BigDecimal) value);
      return converted.changePrecision(decimal.getPrecision(), decimal.getScale()) ? converted : null;
    }
    return switch (schema.getType()) {
      case STRING, ENUM -> value instanceof Utf8 utf8
          ? UTF8String.fromBytes(utf8.getBytes(), 0, utf8.getByteLength())
          : UTF8String.fromString(value.toString());
      case RECORD -> internalRowOf((GenericRecord) value);
      case ARRAY -> {
        Collection<?> elements = (Collection<?>) value;
        Object[] converted = new Object[elements.size()];
        int i = 0;
        Schema elementSchema = nonNull(schema.getElementType());
        for (Object element : elements) {
          converted[i++] = internalValueOf(elementSchema, element);
        }
        yield new GenericArrayData(converted);
      }
      case MAP -> {
        Map<?, ?> entries = (Map<?, ?>) value;
        Object[] keys = new Object[entries.size()];
        Object[] values = new Object[entries.size()];
        int i = 0;
        Schema valueSchema = nonNull(schema.getValueType());
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
          keys[i] = UTF8String.fromString(entry.getKey().toString());
          values[i++] = internalValueOf(valueSchema, entry.getValue());
        }
        yield new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
      }
      case BYTES, FIXED -> bytes(value);
      default -> value; // int, long, float, double, boolean: the same boxed values internally
    };
  }

  private static byte[] bytes(Object value) {
    if (value instanceof java.nio.ByteBuffer buffer) {
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      return copy;
    }
    return value instanceof org.apache.avro.generic.GenericFixed fixed ? fixed.bytes() : (byte[]) value;
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
