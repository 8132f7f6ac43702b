package io.assay.ingestion.bronze;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * The dead-letter publisher's Kafka clients, kept open in the executor between tasks. A fresh
 * transactional producer (its start, metadata and {@code initTransactions}) and marker reader cost a
 * task about a quarter of a second, against a few milliseconds of work for a typical batch's dead letters.
 * A task takes its transactional id's clients out of the pool and gives them back only after its
 * transaction ended cleanly; after any failure they are closed, so the task's retry starts a new
 * producer whose {@code initTransactions} fences every older one. Used only where all tasks run in one
 * executor (see {@link DeadLetterPublisher}). Clients idle for long are closed.
 */
final class PublisherPool {
  private static final Duration IDLE_LIMIT = Duration.ofMinutes(5);
  private static final Map<String, Clients> IDLE = new ConcurrentHashMap<>();

  /** A transactional producer past {@code initTransactions} and a consumer that reads the marker group's offsets. */
  record Clients(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> markerReader, long idleSinceNanos) {
    Clients idleFromNow() {
      return new Clients(producer, markerReader, System.nanoTime());
    }

    void close() {
      producer.close(Duration.ZERO); // aborts nothing that committed; an open transaction is aborted by the next init
      markerReader.close(Duration.ZERO);
    }
  }

  private PublisherPool() {}

  /** The pooled clients for {@code key}, or new ones from {@code open}; no other task holds them until given back. */
  static Clients take(String key, Supplier<Clients> open) {
    closeIdle();
    Clients pooled = IDLE.remove(key);
    return pooled != null ? pooled : open.get();
  }

  /** Gives back clients whose last transaction ended cleanly. */
  static void giveBack(String key, Clients clients) {
    Clients other = IDLE.put(key, clients.idleFromNow());
    if (other != null) {
      other.close(); // two attempts of one task ran in this executor; the newer producer fenced the other
    }
  }

  private static void closeIdle() {
    long now = System.nanoTime();
    IDLE.forEach((key, clients) -> {
      if (now - clients.idleSinceNanos() > IDLE_LIMIT.toNanos() && IDLE.remove(key, clients)) {
        clients.close();
      }
    });
  }

  /** The keys of the clients waiting in the pool (for tests). */
  static Set<String> idleKeys() {
    return Set.copyOf(IDLE.keySet());
  }

  /**
   * Closes the pool when the query stops, where the executor is this JVM (local mode): the clients
   * would otherwise keep calling a broker that a test or a local stack stopped after the query.
   */
  static void closeWhenStopped(SparkSession spark, StreamingQuery query) {
    StreamingQueryListener listener = new StreamingQueryListener() {
      @Override
      public void onQueryStarted(QueryStartedEvent event) {}

      @Override
      public void onQueryProgress(QueryProgressEvent event) {}

      @Override
      public void onQueryTerminated(QueryTerminatedEvent event) {
        if (event.id().equals(query.id())) {
          closeAll();
          spark.streams().removeListener(this);
        }
      }
    };
    spark.streams().addListener(listener);
    if (!query.isActive()) { // it stopped before the listener was there
      closeAll();
      spark.streams().removeListener(listener);
    }
  }

  /** Closes every pooled client: for a JVM that outlives its broker (tests run one broker after another). */
  static void closeAll() {
    IDLE.keySet().forEach(key -> {
      Clients clients = IDLE.remove(key);
      if (clients != null) {
        clients.close();
      }
    });
  }
}
