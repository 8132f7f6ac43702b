package io.assay.ingestion.bronze;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.contract.ContractValidator;
import io.assay.schemas.contract.ContractViolation;
import io.assay.schemas.contract.ValueFormat;
import io.assay.schemas.wire.DecodeResult;
import io.assay.schemas.wire.EventDecoder;
import io.assay.schemas.wire.StrictUtf8;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Runs on executors: decodes each Kafka record with its writer schema, validates it against its
 * topic's contract, and emits one {@link RoutedSchema} row, valid or dead letter, never both,
 * never neither. Only an unreachable registry stops it (after retries), because that is an
 * outage, not bad data.
 */
public final class RecordRouter implements MapPartitionsFunction<Row, Row> {
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

  /** Input columns: key, value, topic, partition, offset, timestamp (Spark's Kafka source). */
  @Override
  public Iterator<Row> call(Iterator<Row> kafkaRows) {
    Routing routing = new Routing(contracts.catalog(), ExecutorRegistry.get(registry), maxMessageBytes, judgedAtArrival);
    return new Iterator<>() {
      public boolean hasNext() {
        return kafkaRows.hasNext();
      }

      public Row next() {
        return routing.route(kafkaRows.next());
      }
    };
  }

  /** Per-task state: decoders reuse buffers, so each task has its own. */
  private static final class Routing {
    private final ContractCatalog catalog;
    private final ExecutorRegistry registry;
    private final Map<String, EventDecoder> decoders = new HashMap<>();
    private final Map<String, ContractValidator> validators = new HashMap<>();
    private final Map<String, Integer> columnByTopic = new HashMap<>();
    private final int width;
    private final ArrivalClock arrival;

    Routing(ContractCatalog catalog, ExecutorRegistry registry, int maxMessageBytes, boolean judgedAtArrival) {
      this.catalog = catalog;
      this.registry = registry;
      this.arrival = judgedAtArrival ? new ArrivalClock() : null;
      Clock clock = judgedAtArrival ? arrival : Clock.systemUTC();
      int column = RoutedSchema.FIXED_COLUMNS;
      for (Contract contract : catalog.contracts()) {
        decoders.put(contract.topic(), new EventDecoder(contract, registry.schemaIds(), maxMessageBytes));
        validators.put(contract.topic(), new ContractValidator(contract, clock));
        columnByTopic.put(contract.topic(), column++);
      }
      width = column;
    }

    Row route(Row kafka) {
      byte[] key = (byte[]) kafka.get(0);
      byte[] value = (byte[]) kafka.get(1);
      String topic = kafka.getString(2);
      Object[] out = new Object[width];
      out[0] = topic;
      out[1] = kafka.getInt(3);
      out[2] = kafka.getLong(4);
      out[3] = kafka.get(5);
      out[4] = key; // bytes end to end: a key that is not UTF-8 must reach the DLQ topic unchanged
      EventDecoder decoder = decoders.get(topic);
      if (decoder == null) {
        throw new IllegalStateException("read topic '" + topic + "' that has no contract; subscribed topics are " + catalog.topics());
      }
      DecodeResult result = registry.withRetry(() -> decoder.decode(value));
      if (result.schemaId() >= 0) {
        out[5] = result.schemaId();
      }
      if (result instanceof DecodeResult.Undecodable failed) {
        return deadLetter(out, key, value, List.of(failed.violation()));
      }
      DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
      if (arrival != null) {
        arrival.set((Timestamp) kafka.get(5));
      }
      List<ContractViolation> violations = validators.get(topic).validate(decoded.record());
      if (!violations.isEmpty()) {
        return deadLetter(out, key, value, violations);
      }
      Contract contract = catalog.forTopic(topic);
      out[6] = registry.versionOf(contract.subject(), decoded.schemaId());
      out[7] = true;
      out[8] = Timestamp.from(ValueFormat.parseInstant(decoded.record().get(contract.eventTime().field()).toString()));
      out[columnByTopic.get(topic)] = AvroSparkTypes.rowOf(decoded.record());
      return RowFactory.create(out);
    }

    /** The first violation is the record's category; all of them are kept. */
    private static Row deadLetter(Object[] out, byte[] key, byte[] value, List<ContractViolation> violations) {
      ContractViolation first = violations.get(0);
      out[7] = false;
      out[9] = first.category().name();
      out[10] = first.field();
      out[11] = first.observedValue();
      out[12] = first.rule();
      out[13] = first.detail();
      Row[] all = new Row[violations.size()];
      for (int i = 0; i < all.length; i++) {
        ContractViolation v = violations.get(i);
        all[i] = RowFactory.create(v.category().name(), v.field(), v.observedValue(), v.rule());
      }
      out[14] = all;
      out[15] = value;
      out[16] = StrictUtf8.decodeOrNull(key);
      return RowFactory.create(out);
    }
  }
}
