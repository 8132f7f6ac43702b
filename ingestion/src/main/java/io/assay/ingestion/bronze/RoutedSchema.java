package io.assay.ingestion.bronze;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one row shape every Kafka record is routed into: where it came from, whether it is valid,
 * the dead-letter details if not, and one struct column per topic holding the typed event.
 * Built from the contracts, so a new topic adds a column, not code.
 */
public final class RoutedSchema {
  public static final String TOPIC = "_source_topic";
  public static final String PARTITION = "_source_partition";
  public static final String OFFSET = "_source_offset";
  public static final String KAFKA_TIMESTAMP = "_kafka_timestamp";
  /** The Kafka key's bytes exactly as sent. */
  public static final String KAFKA_KEY = "_kafka_key";
  /** The key as text where it is well-formed UTF-8, else null (set for dead letters only). */
  public static final String KAFKA_KEY_TEXT = "_kafka_key_text";
  public static final String SCHEMA_ID = "_schema_id";
  public static final String SCHEMA_VERSION = "_schema_version";
  public static final String VALID = "_valid";
  public static final String EVENT_TIME = "_event_time";
  public static final String CATEGORY = "category";
  public static final String FIELD = "field";
  public static final String OBSERVED_VALUE = "observed_value";
  public static final String RULE = "rule";
  public static final String DETAIL = "detail";
  public static final String VIOLATIONS = "violations";
  public static final String ORIGINAL_VALUE = "original_value";

  public static final StructType VIOLATION = DataTypes.createStructType(List.of(
      DataTypes.createStructField(CATEGORY, DataTypes.StringType, false),
      DataTypes.createStructField(FIELD, DataTypes.StringType, false),
      DataTypes.createStructField(OBSERVED_VALUE, DataTypes.StringType, true),
      DataTypes.createStructField(RULE, DataTypes.StringType, false)));

  /** Columns before the per-topic structs, in order. */
  static final int FIXED_COLUMNS = 17;

  private RoutedSchema() {}

  public static StructType of(ContractCatalog catalog) {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField(TOPIC, DataTypes.StringType, false),
        DataTypes.createStructField(PARTITION, DataTypes.IntegerType, false),
        DataTypes.createStructField(OFFSET, DataTypes.LongType, false),
        DataTypes.createStructField(KAFKA_TIMESTAMP, DataTypes.TimestampType, true),
        DataTypes.createStructField(KAFKA_KEY, DataTypes.BinaryType, true),
        DataTypes.createStructField(SCHEMA_ID, DataTypes.IntegerType, true),
        DataTypes.createStructField(SCHEMA_VERSION, DataTypes.IntegerType, true),
        DataTypes.createStructField(VALID, DataTypes.BooleanType, false),
        DataTypes.createStructField(EVENT_TIME, DataTypes.TimestampType, true),
        DataTypes.createStructField(CATEGORY, DataTypes.StringType, true),
        DataTypes.createStructField(FIELD, DataTypes.StringType, true),
        DataTypes.createStructField(OBSERVED_VALUE, DataTypes.StringType, true),
        DataTypes.createStructField(RULE, DataTypes.StringType, true),
        DataTypes.createStructField(DETAIL, DataTypes.StringType, true),
        DataTypes.createStructField(VIOLATIONS, DataTypes.createArrayType(VIOLATION, false), true),
        DataTypes.createStructField(ORIGINAL_VALUE, DataTypes.BinaryType, true),
        DataTypes.createStructField(KAFKA_KEY_TEXT, DataTypes.StringType, true)));
    for (Contract contract : catalog.contracts()) {
      fields.add(DataTypes.createStructField(eventColumn(contract.topic()), AvroSparkTypes.structOf(contract.schema()), true));
    }
    return DataTypes.createStructType(fields);
  }

  /** The struct column holding a topic's typed events. */
  public static String eventColumn(String topic) {
    return "event_" + topic.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
