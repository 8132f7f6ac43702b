package io.assay.ingestion.produce;

import io.assay.ingestion.kafka.KafkaSettings;
import io.assay.ingestion.ledger.LedgerEntry;
import io.assay.ingestion.ledger.LedgerWriter;
import io.assay.ingestion.ledger.Outcome;
import io.assay.ingestion.ledger.ProduceCounts;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.DeadLetterCategory;
import io.assay.schemas.contract.FieldPath;
import io.assay.ingestion.weather.WeatherSource;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.wire.EventSerializer;
import io.assay.schemas.wire.SchemaIds;
import io.assay.schemas.wire.SchemaRejectedException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces events to Kafka through the contract-enforcing serializer, injecting faults, and writes
 * one ledger line per event: sent, sent faulty, sent corrupt, refused at the producer, or failed.
 */
public final class ProducerRun {
  private static final Logger LOG = LoggerFactory.getLogger(ProducerRun.class);
  private static final long PROGRESS_EVERY_MS = 2_000;

  private final KafkaSettings kafka;
  private final EventSerializer serializer;
  private final FaultInjector faults;
  private final Map<String, EventGenerator> generators;
  private final Clock clock;
  private final ProgressListener progress;

  public ProducerRun(KafkaSettings kafka, EventSerializer serializer, FaultInjector faults,
      Map<String, EventGenerator> generators, Clock clock, ProgressListener progress) {
    this.kafka = kafka;
    this.serializer = serializer;
    this.faults = faults;
    this.generators = generators;
    this.clock = clock;
    this.progress = progress;
  }

  /** The demo's producer: the shop's generators over one seeded world, faults at the options' rate. */
  public static ProducerRun forDemo(KafkaSettings kafka, SchemaIds schemaIds, ContractCatalog catalog,
      ProduceOptions options, WeatherSource weather, ProgressListener progress) {
    Random random = new Random(options.seed());
    return new ProducerRun(
        kafka,
        new EventSerializer(schemaIds),
        new FaultInjector(catalog, schemaIds, new Random(options.seed() + 1), options.faultRate()),
        DemoGenerators.create(catalog, new ShopWorld(random), weather),
        Clock.systemUTC(),
        progress);
  }

  /** Runs to the end and returns the counts; every event has exactly one ledger line. */
  public ProduceCounts run(ProduceOptions options, String runId, LedgerWriter ledger) {
    List<EventGenerator> schedule = options.topics().stream().map(this::generatorFor).toList();
    ProduceCounts counts = new ProduceCounts();
    AtomicReference<Exception> firstSendError = new AtomicReference<>();
    long started = System.nanoTime();
    long lastProgress = System.currentTimeMillis();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
      for (long i = 0; i < options.events(); i++) {
        EventGenerator generator = schedule.get((int) (i % schedule.size()));
        produceOne(generator, runId, producer, ledger, counts, firstSendError);
        pace(options.eventsPerSecond(), i + 1, started);
        if (System.currentTimeMillis() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = System.currentTimeMillis();
          progress.progress(i + 1, options.events(), (i + 1) / ((System.nanoTime() - started) / 1e9));
        }
      }
      producer.flush();
    }
    progress.progress(options.events(), options.events(), options.events() / Math.max(1e-9, (System.nanoTime() - started) / 1e9));
    if (firstSendError.get() != null) {
      LOG.error("{} events were not acknowledged by Kafka; first error: {}", counts.sendFailed(), firstSendError.get().toString());
    }
    return counts;
  }

  private void produceOne(EventGenerator generator, String runId, KafkaProducer<String, byte[]> producer,
      LedgerWriter ledger, ProduceCounts counts, AtomicReference<Exception> firstSendError) {
    Contract contract = generator.contract();
    Instant now = clock.instant();
    GenericRecord event = generator.next(now);
    Optional<FaultKind> fault = faults.draw(contract);
    LedgerEntry entry = entryFor(contract, event, runId, fault, fault.map(FaultKind::expectedCategory).orElse(null));
    byte[] value;
    Outcome outcome = Outcome.SENT;
    if (fault.isPresent() && fault.get().stage() == FaultKind.Stage.CORRUPT_PAYLOAD) {
      value = faults.corruptPayload(fault.get(), contract, serializer.serialize(contract, event));
      outcome = Outcome.SENT_CORRUPT;
    } else {
      if (fault.isPresent()) {
        DeadLetterCategory expected = faults.breakRecord(fault.get(), contract, event, now);
        entry = entryFor(contract, event, runId, fault, expected); // the ledger keeps what was actually sent
        outcome = Outcome.SENT_FAULTY;
      }
      try {
        value = serializer.serialize(contract, event);
      } catch (SchemaRejectedException e) {
        LOG.debug("refused at the producer: {}", e.getMessage());
        LedgerEntry refused = entry.failed(Outcome.REJECTED_AT_PRODUCER, e.getMessage());
        ledger.write(refused);
        counts.record(refused);
        return;
      }
      if (fault.isPresent() && fault.get().stage() == FaultKind.Stage.REJECTED_AT_PRODUCER) {
        throw new IllegalStateException("the serializer accepted an event with fault " + fault.get() + ": " + event);
      }
    }
    LedgerEntry pending = entry;
    Outcome sentAs = outcome;
    String sha256 = LedgerEntry.sha256(value);
    producer.send(new ProducerRecord<>(contract.topic(), entry.eventId(), value), (metadata, error) -> {
      LedgerEntry done = error == null
          ? pending.delivered(sentAs, metadata.partition(), metadata.offset(), sha256)
          : pending.failed(Outcome.SEND_FAILED, error.toString());
      if (error != null) {
        firstSendError.compareAndSet(null, error);
      }
      ledger.write(done);
      counts.record(done);
    });
  }

  private static LedgerEntry entryFor(Contract contract, GenericRecord event, String runId, Optional<FaultKind> fault,
      DeadLetterCategory expectedCategory) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (String dimension : contract.ledgerDimensions()) {
      Object value = event.get(dimension);
      dimensions.put(dimension, value == null ? null : value.toString());
    }
    Object amount = contract.amountField().map(f -> FieldPath.parse(f).valueIn(event)).orElse(null);
    Object eventTime = event.get(contract.eventTime().field());
    return new LedgerEntry(runId, String.valueOf(event.get(contract.keyField())), contract.topic(), null,
        fault.map(FaultKind::key).orElse(null),
        expectedCategory == null ? null : expectedCategory.name(),
        amount instanceof BigDecimal decimal ? decimal.toPlainString() : amount == null ? null : amount.toString(),
        eventTime == null ? null : eventTime.toString(), dimensions, -1, -1, null, null);
  }

  private EventGenerator generatorFor(String topic) {
    EventGenerator generator = generators.get(topic);
    if (generator == null) {
      throw new IllegalArgumentException("no generator for topic '" + topic + "': known topics are " + generators.keySet());
    }
    return generator;
  }

  private static void pace(double eventsPerSecond, long done, long startedNanos) {
    if (eventsPerSecond <= 0) {
      return;
    }
    long dueNanos = startedNanos + (long) (done / eventsPerSecond * 1e9);
    long waitNanos = dueNanos - System.nanoTime();
    if (waitNanos > 1_000_000) {
      try {
        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Properties producerProperties() {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024)); // room for the oversized fault
    return props;
  }
}
