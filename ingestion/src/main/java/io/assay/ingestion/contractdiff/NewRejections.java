package io.assay.ingestion.contractdiff;

import io.assay.ingestion.bronze.ArrivalClock;
import io.assay.ingestion.bronze.ContractSources;
import io.assay.ingestion.bronze.RoutedSchema;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractValidator;
import io.assay.schemas.contract.ContractViolation;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs on executors over one topic's Bronze rows: each row is validated by the contract in force and by
 * the proposed one (the same validator, judged as of the row's Kafka timestamp as replays are); a row
 * the first accepts and the second rejects yields one output row per violation.
 */
final class NewRejections implements MapPartitionsFunction<Row, Row> {
  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("partition", DataTypes.IntegerType, false),
      DataTypes.createStructField("offset", DataTypes.LongType, false),
      DataTypes.createStructField("key", DataTypes.StringType, true),
      DataTypes.createStructField("category", DataTypes.StringType, false),
      DataTypes.createStructField("field", DataTypes.StringType, false),
      DataTypes.createStructField("observed_value", DataTypes.StringType, true),
      DataTypes.createStructField("rule", DataTypes.StringType, false)));

  private final ContractSources inForce;
  private final ContractSources proposed;
  private final String topic;

  NewRejections(ContractSources inForce, ContractSources proposed, String topic) {
    this.inForce = inForce;
    this.proposed = proposed;
    this.topic = topic;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> bronze) {
    Contract before = inForce.catalog().forTopic(topic);
    Contract after = proposed.catalog().forTopic(topic);
    boolean sameSchema = before.schema().equals(after.schema());
    ArrivalClock clock = new ArrivalClock();
    ContractValidator current = new ContractValidator(before, clock);
    ContractValidator candidate = new ContractValidator(after, clock);
    List<Row> out = new ArrayList<>();
    while (bronze.hasNext()) {
      Row row = bronze.next();
      clock.set((Timestamp) row.getAs(RoutedSchema.KAFKA_TIMESTAMP));
      GenericRecord record = SparkRowRecords.toRecord(row, before.schema());
      if (!current.validate(record).isEmpty()) {
        continue; // already rejected by the contract in force: not a new rejection
      }
      List<ContractViolation> violations = candidate.validate(sameSchema ? record : SparkRowRecords.resolve(record, after.schema()));
      Object key = record.get(after.keyField());
      for (ContractViolation v : violations) {
        out.add(RowFactory.create(row.getAs(RoutedSchema.PARTITION), row.getAs(RoutedSchema.OFFSET),
            key == null ? null : key.toString(), v.category().name(), v.field(), v.observedValue(), v.rule()));
      }
    }
    return out.iterator();
  }
}
