package io.assay.ingestion.bronze;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.contract.ContractValidator;
import io.assay.schemas.contract.ContractViolation;
import io.assay.schemas.contract.ValueFormat;
import io.assay.schemas.wire.DecodeResult;
import io.assay.schemas.wire.EventDecoder;
import io.assay.schemas.wire.StrictUtf8;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Runs on executors: decodes each Kafka record with its writer schema, validates it against its
 * topic's contract, and emits one {@link RoutedSchema} row, valid or dead letter, never both,
 * never neither. Only an unreachable registry stops it (after retries), because that is an
 * outage, not bad data. Rows are read and written in Spark's internal form: an external {@code Row}
 * per record, encoded by Spark, was 15-35% of the route's time (ingestion/README.md).
 */
public final class RecordRouter implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
  private final ContractSources contracts;
  private final RegistryEndpoint registry;
  private final int maxMessageBytes;
  private final boolean judgedAtArrival;

  public RecordRouter(ContractSources contracts, RegistryEndpoint registry, int maxMessageBytes) {
    this(contracts, registry, maxMessageBytes, false);
  }

  /**
   * @param judgedAtArrival anchor the event-time window at each record's Kafka timestamp instead of the
   *     wall clock: a dead letter replayed days later is judged as of when it arrived, not rejected for its age
   */
  public RecordRouter(ContractSources contracts, RegistryEndpoint registry, int maxMessageBytes, boolean judgedAtArrival) {
    this.contracts = contracts;
    this.registry = registry;
    this.maxMessageBytes = maxMessageBytes;
    this.judgedAtArrival = judgedAtArrival;
  }

  /**
   * Every record of {@code kafkaRecords} (columns key, value, topic, partition, offset, timestamp, as
   * Spark's Kafka source names them) as one {@link RoutedSchema} row; lazy, like any transformation.
   */
  public Dataset<Row> route(Dataset<Row> kafkaRecords) {
    return asDataFrame(kafkaRecords.sparkSession(), routedRows(kafkaRecords));
  }

  /**
   * The routed rows as compact binary rows ({@code UnsafeRow} copies), for a caller that caches them:
   * a cached RDD of binary rows is built by copying each row, where a cached DataFrame is converted to
   * columns and compressed (about as costly as routing itself, measured: ingestion/README.md).
   */
  public RDD<InternalRow> routedRows(Dataset<Row> kafkaRecords) {
    Dataset<Row> input = kafkaRecords.select("key", "value", "topic", "partition", "offset", "timestamp");
    return input.queryExecution().toRdd().toJavaRDD().mapPartitions(this).rdd();
  }

  /** Routed rows (from {@link #routedRows}) as a DataFrame of {@link RoutedSchema}. */
  public Dataset<Row> asDataFrame(SparkSession spark, RDD<InternalRow> routedRows) {
    return spark.internalCreateDataFrame(routedRows, RoutedSchema.of(contracts.catalog()), false);
  }

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> kafkaRows) {
    ContractCatalog catalog = contracts.catalog();
    Routing routing = new Routing(catalog, ExecutorRegistry.get(registry), maxMessageBytes, judgedAtArrival);
    UnsafeProjection binary = UnsafeProjection.create(RoutedSchema.of(catalog));
    return new Iterator<>() {
      public boolean hasNext() {
        return kafkaRows.hasNext();
      }

      public InternalRow next() {
        return binary.apply(routing.route(kafkaRows.next())).copy(); // the projection reuses its buffer
      }
    };
  }

  /** A topic's decoder (which reuses buffers, so one per task), validator and routed struct column. */
  private record TopicRoute(Contract contract, UTF8String topic, EventDecoder decoder, ContractValidator validator, int column) {}

  /** Per-task state. */
  private static final class Routing {
    private final ContractCatalog catalog;
    private final ExecutorRegistry registry;
    private final Map<UTF8String, TopicRoute> routes = new HashMap<>();
    private final int width;
    private final ArrivalClock arrival;

    Routing(ContractCatalog catalog, ExecutorRegistry registry, int maxMessageBytes, boolean judgedAtArrival) {
      this.catalog = catalog;
      this.registry = registry;
      this.arrival = judgedAtArrival ? new ArrivalClock() : null;
      Clock clock = judgedAtArrival ? arrival : Clock.systemUTC();
      int column = RoutedSchema.FIXED_COLUMNS;
      for (Contract contract : catalog.contracts()) {
        UTF8String topic = UTF8String.fromString(contract.topic());
        routes.put(topic, new TopicRoute(contract, topic, new EventDecoder(contract, registry.schemaIds(), maxMessageBytes),
            new ContractValidator(contract, clock), column++));
      }
      width = column;
    }

    /** Input columns: key, value, topic, partition, offset, timestamp (microseconds), in Spark's internal form. */
    InternalRow route(InternalRow kafka) {
      byte[] key = kafka.isNullAt(0) ? null : kafka.getBinary(0);
      byte[] value = kafka.isNullAt(1) ? null : kafka.getBinary(1);
      TopicRoute route = routes.get(kafka.getUTF8String(2));
      if (route == null) {
        throw new IllegalStateException("read topic '" + kafka.getUTF8String(2) + "' that has no contract; subscribed topics are "
            + catalog.topics());
      }
      Object[] out = new Object[width];
      out[0] = route.topic();
      out[1] = kafka.getInt(3);
      out[2] = kafka.getLong(4);
      out[3] = kafka.isNullAt(5) ? null : kafka.getLong(5);
      out[4] = key; // bytes end to end: a key that is not UTF-8 must reach the DLQ topic unchanged
      DecodeResult result = registry.withRetry(() -> route.decoder().decode(value));
      if (result.schemaId() >= 0) {
        out[5] = result.schemaId();
      }
      if (result instanceof DecodeResult.Undecodable failed) {
        return deadLetter(out, key, value, List.of(failed.violation()));
      }
      DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
      if (arrival != null) {
        arrival.set(out[3] == null ? null : DateTimeUtils.microsToInstant((Long) out[3]));
      }
      List<ContractViolation> violations = route.validator().validate(decoded.record());
      if (!violations.isEmpty()) {
        return deadLetter(out, key, value, violations);
      }
      Contract contract = route.contract();
      out[6] = registry.versionOf(contract.subject(), decoded.schemaId());
      out[7] = true;
      Instant eventTime = ValueFormat.parseInstant(decoded.record().get(contract.eventTime().field()).toString());
      out[8] = DateTimeUtils.instantToMicros(eventTime);
      out[route.column()] = AvroSparkTypes.internalRowOf(decoded.record());
      return new GenericInternalRow(out);
    }

    /** The first violation is the record's category; all of them are kept. */
    private static InternalRow deadLetter(Object[] out, byte[] key, byte[] value, List<ContractViolation> violations) {
      ContractViolation first = violations.get(0);
      out[7] = false;
      out[9] = text(first.category().name());
      out[10] = text(first.field());
      out[11] = text(first.observedValue());
      out[12] = text(first.rule());
      out[13] = text(first.detail());
      Object[] all = new Object[violations.size()];
      for (int i = 0; i < all.length; i++) {
        ContractViolation v = violations.get(i);
        all[i] = new GenericInternalRow(new Object[] {text(v.category().name()), text(v.field()), text(v.observedValue()), text(v.rule())});
      }
      out[14] = new GenericArrayData(all);
      out[15] = value;
      out[16] = text(StrictUtf8.decodeOrNull(key));
      return new GenericInternalRow(out);
    }

    private static UTF8String text(String value) {
      return value == null ? null : UTF8String.fromString(value);
    }
  }
}
