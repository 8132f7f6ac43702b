package io.assay.cli.steps;

import io.assay.cli.config.AssayConfig;
import io.assay.ingestion.bench.CommitLatency;
import io.assay.ingestion.bronze.BronzeJob;
import io.assay.ingestion.bronze.RoutedSchema;
import io.assay.ingestion.bronze.StepTimes;
import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.ingestion.produce.ProduceOptions;
import io.assay.ingestion.produce.ProgressListener;
import io.assay.lake.LakeLayout;
import io.assay.stack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Ingestion latency as a running pipeline sees it: on a fresh embedded stack the Bronze job runs with a
 * processing-time trigger while the demo's producers send at a steady rate; afterwards each record's delay is
 * its table's commit time minus its Kafka timestamp ({@link CommitLatency}), over the four Bronze tables and
 * the dead-letter table. Records sent during the warm-up (JIT, first Delta commits) are not counted.
 */
public final class LatencyBenchmark {
  /** What was asked and what was measured. */
  public record Result(long produced, double producedPerSecond, CommitLatency.Summary latency, long batches,
      double meanBatchSeconds, Map<String, Long> stepMillis) {}

  private LatencyBenchmark() {}

  public static Result run(AssayConfig config, double eventsPerSecond, int seconds, int warmupSeconds, Duration trigger,
      double faultRate, ProgressListener progress) {
    Path benchDir = FreshDirectory.wipe(config.dataDir().resolve("bench-latency")).toAbsolutePath();
    try (LocalStack stack = LocalStack.start(benchDir.resolve("stack"), 0, 0, config.kafka().partitions())) {
      AssayConfig bench = config.withDataDir(benchDir).withEndpoints(stack.bootstrapServers(), stack.registryUrl());
      new TopicProvisioner(bench.kafka()).ensureTopics(bench.contracts().topics());
      SparkSession spark = IngestStep.session(bench);
      StepTimes steps = new StepTimes();
      StreamingQuery bronze = BronzeJob.start(spark, bench.contracts(), bench.ingest(Optional.of(trigger)), steps);
      long events = Math.round(eventsPerSecond * (warmupSeconds + seconds));
      Instant started = Instant.now();
      ProduceOptions options = new ProduceOptions(events, eventsPerSecond, faultRate, bench.contracts().topics(), 7);
      ProduceStep.Result produced = ProduceStep.run(bench, options, "bench-latency", progress);
      double producedPerSecond = events / (Duration.between(started, Instant.now()).toMillis() / 1000.0);
      drainAndStop(bronze);
      CommitLatency.Summary latency = CommitLatency.summarize(spark, committedTables(bench),
          started.plusSeconds(warmupSeconds));
      return new Result(produced.counts().total(), producedPerSecond, latency, batches(bronze),
          meanBatchSeconds(bronze), steps.totals());
    }
  }

  private static List<CommitLatency.Source> committedTables(AssayConfig bench) {
    LakeLayout lake = bench.lake();
    List<CommitLatency.Source> tables = new ArrayList<>();
    bench.contracts().topics().forEach(topic -> tables.add(new CommitLatency.Source(lake.bronzeTable(topic), RoutedSchema.KAFKA_TIMESTAMP)));
    tables.add(new CommitLatency.Source(lake.table(LakeLayout.DLQ_TABLE), "kafka_timestamp"));
    return tables;
  }

  /** Processes what the producers sent, then stops; a failed query fails the benchmark rather than reporting a gap. */
  private static void drainAndStop(StreamingQuery query) {
    try {
      query.processAllAvailable();
      query.stop();
    } catch (Exception e) { // Scala's StreamingQueryException is not declared, so Java cannot catch it by name
      throw new IllegalStateException("the Bronze job failed during the benchmark: " + e.getMessage(), e);
    }
  }

  private static long batches(StreamingQuery query) {
    StreamingQueryProgress last = query.lastProgress();
    return last == null ? 0 : last.batchId() + 1;
  }

  /** Mean trigger execution over the batches Spark still keeps progress for (its last 100) that read records. */
  private static double meanBatchSeconds(StreamingQuery query) {
    return java.util.Arrays.stream(query.recentProgress())
        .filter(p -> p.numInputRows() > 0)
        .mapToLong(p -> p.durationMs().getOrDefault("triggerExecution", 0L))
        .average().orElse(0) / 1000;
  }
}
