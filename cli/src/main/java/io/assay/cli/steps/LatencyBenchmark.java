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
 * the dead-letter table. A warm-up first, at the same rate, then drained (JIT over many batches, class loading,
 * first Delta commits, and the backlog the cold first batches leave), so that the window measures a running
 * pipeline rather than its start-up; every event of the window is counted.
 */
public final class LatencyBenchmark {
  /** What was asked and what was measured. */
  public record Result(long produced, double producedPerSecond, CommitLatency.Summary latency, long batches,
      Batches batchesWithRecords, Map<String, Long> stepMillis) {}

  /** The window's micro-batches that read records (of the last 100, which Spark keeps): median size and duration. */
  public record Batches(long medianRecords, double medianSeconds, double maxSeconds) {
    static Batches of(StreamingQueryProgress[] progress, Instant since) {
      List<StreamingQueryProgress> read = java.util.Arrays.stream(progress)
          .filter(p -> p.numInputRows() > 0 && !Instant.parse(p.timestamp()).isBefore(since)).toList();
      if (read.isEmpty()) {
        return new Batches(0, 0, 0);
      }
      long[] records = read.stream().mapToLong(StreamingQueryProgress::numInputRows).sorted().toArray();
      double[] seconds = read.stream().mapToDouble(p -> p.durationMs().getOrDefault("triggerExecution", 0L) / 1000.0)
          .sorted().toArray();
      return new Batches(records[records.length / 2], seconds[seconds.length / 2], seconds[seconds.length - 1]);
    }
  }

  private LatencyBenchmark() {}

  public static Result run(AssayConfig config, double eventsPerSecond, int seconds, int warmupSeconds, Duration trigger,
      double faultRate, ProgressListener progress) {
    Path benchDir = FreshDirectory.wipe(config.dataDir().resolve("bench-latency")).toAbsolutePath();
    try (LocalStack stack = LocalStack.start(benchDir.resolve("stack"), 0, 0, config.kafka().partitions())) {
      AssayConfig bench = config.withDataDir(benchDir).withEndpoints(stack.bootstrapServers(), stack.registryUrl());
      List<String> topics = bench.contracts().topics();
      new TopicProvisioner(bench.kafka()).ensureTopics(topics);
      SparkSession spark = IngestStep.session(bench);
      StepTimes steps = new StepTimes();
      StreamingQuery bronze = BronzeJob.start(spark, bench.contracts(), bench.ingest(Optional.of(trigger)), steps);
      if (warmupSeconds > 0) {
        long warmupEvents = Math.round(eventsPerSecond * warmupSeconds);
        ProduceStep.run(bench, new ProduceOptions(warmupEvents, eventsPerSecond, faultRate, topics, 6), "bench-latency-warmup", progress);
        drain(bronze);
      }
      long events = Math.round(eventsPerSecond * seconds);
      Instant windowStart = Instant.now();
      ProduceOptions options = new ProduceOptions(events, eventsPerSecond, faultRate, topics, 7);
      ProduceStep.Result produced = ProduceStep.run(bench, options, "bench-latency", progress);
      double producedPerSecond = events / (Duration.between(windowStart, Instant.now()).toMillis() / 1000.0);
      drain(bronze);
      stop(bronze);
      CommitLatency.Summary latency = CommitLatency.summarize(spark, committedTables(bench), windowStart);
      return new Result(produced.counts().total(), producedPerSecond, latency, batches(bronze),
          Batches.of(bronze.recentProgress(), windowStart), steps.totals());
    }
  }

  private static List<CommitLatency.Source> committedTables(AssayConfig bench) {
    LakeLayout lake = bench.lake();
    List<CommitLatency.Source> tables = new ArrayList<>();
    bench.contracts().topics().forEach(topic -> tables.add(new CommitLatency.Source(lake.bronzeTable(topic), RoutedSchema.KAFKA_TIMESTAMP)));
    tables.add(new CommitLatency.Source(lake.table(LakeLayout.DLQ_TABLE), "kafka_timestamp"));
    return tables;
  }

  /** Processes what the producers sent; a failed query fails the benchmark rather than reporting a gap. */
  private static void drain(StreamingQuery query) {
    try {
      query.processAllAvailable();
    } catch (Exception e) { // Scala's StreamingQueryException is not declared, so Java cannot catch it by name
      throw new IllegalStateException("the Bronze job failed during the benchmark: " + e.getMessage(), e);
    }
  }

  private static void stop(StreamingQuery query) {
    try {
      query.stop();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the Bronze job did not stop: " + e.getMessage(), e);
    }
  }

  private static long batches(StreamingQuery query) {
    StreamingQueryProgress last = query.lastProgress();
    return last == null ? 0 : last.batchId() + 1;
  }
}
