package io.assay.cli.steps;

import io.assay.cli.config.AssayConfig;
import io.assay.ingestion.bench.RawCopyJob;
import io.assay.ingestion.bench.TypedCopyJob;
import io.assay.ingestion.bronze.BronzeJob;
import io.assay.ingestion.bronze.IngestSettings;
import io.assay.ingestion.bronze.StepTimes;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.produce.ProduceOptions;
import io.assay.ingestion.produce.ProgressListener;
import io.assay.lake.LakeLayout;
import io.assay.stack.LocalStack;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;

/**
 * Produces N mixed events once, then drains the same records alternately through three paths, each into a
 * fresh lake: a raw Kafka → Delta copy (bytes only), a typed copy (Spark's {@code from_avro}, one table per
 * topic, no checks: what a user without contracts writes) and the validated Bronze job. Each path keeps its
 * best round (the first rounds pay for JIT and class loading, which is not what the ratios are about), with
 * that round's per-step split and the JVM's peak heap during it.
 */
public final class IngestBenchmark {
  /** One path's best round: wall time, where its batches spent it, and the heap's peak. */
  public record PathRun(double seconds, Map<String, Long> stepMillis, long peakHeapBytes) {
    static final PathRun NONE = new PathRun(Double.MAX_VALUE, Map.of(), 0);

    PathRun best(PathRun other) {
      return other.seconds < seconds ? other : this;
    }
  }

  /** Events drained and each path's best round. */
  public record Result(long events, PathRun validated, PathRun raw, PathRun typed) {
    public double validatedEventsPerSecond() {
      return events / validated.seconds();
    }

    public double rawEventsPerSecond() {
      return events / raw.seconds();
    }

    public double typedEventsPerSecond() {
      return events / typed.seconds();
    }

    public double ratio() {
      return validatedEventsPerSecond() / rawEventsPerSecond();
    }

    public double ratioToTyped() {
      return validatedEventsPerSecond() / typedEventsPerSecond();
    }
  }

  private IngestBenchmark() {}

  public static Result run(AssayConfig config, long events, double faultRate, int rounds, long maxOffsetsPerTrigger,
      ProgressListener progress) {
    Path benchDir = FreshDirectory.wipe(config.dataDir().resolve("bench-ingest")).toAbsolutePath();
    try (LocalStack stack = LocalStack.start(benchDir.resolve("stack"), 0, 0, config.kafka().partitions())) {
      AssayConfig bench = config.withDataDir(benchDir).withEndpoints(stack.bootstrapServers(), stack.registryUrl());
      ProduceOptions options = new ProduceOptions(events, 0, faultRate, bench.contracts().topics(), 7);
      ProduceStep.run(bench, options, "bench", progress);
      long inKafka = TopicOffsets.messageCounts(bench.kafka(), bench.contracts().topics()).values().stream()
          .mapToLong(Long::longValue).sum();
      SparkSession spark = IngestStep.session(bench);
      PathRun validatedBest = PathRun.NONE;
      PathRun rawBest = PathRun.NONE;
      PathRun typedBest = PathRun.NONE;
      for (int round = 1; round <= rounds; round++) {
        String lakeRoot = benchDir.resolve("lake-" + round).toString();
        String checkpoints = benchDir.resolve("checkpoints-" + round).toString();
        LakeLayout rawLake = new LakeLayout(lakeRoot + "/raw", checkpoints + "/raw");
        rawBest = rawBest.best(timed(steps -> RawCopyJob.start(spark, bench.kafka(), bench.contracts().topics(),
            rawLake.table("raw_copy"), rawLake.checkpoint("raw-copy"), maxOffsetsPerTrigger, steps)));
        LakeLayout typedLake = new LakeLayout(lakeRoot + "/typed", checkpoints + "/typed");
        typedBest = typedBest.best(timed(steps -> TypedCopyJob.start(spark, bench.kafka(), bench.contracts(), typedLake,
            typedLake.checkpoint("typed-copy"), maxOffsetsPerTrigger, steps)));
        LakeLayout lake = new LakeLayout(lakeRoot + "/validated", checkpoints + "/validated");
        IngestSettings settings = bench.ingest(Optional.empty());
        IngestSettings validated = new IngestSettings(settings.kafka(), settings.registry(), lake, settings.appId(),
            Optional.empty(), maxOffsetsPerTrigger, settings.maxMessageBytes(), settings.metricsWatermark());
        validatedBest = validatedBest.best(timed(steps -> BronzeJob.start(spark, bench.contracts(), validated, steps)));
        System.err.printf("bench ingest: round %d of %d: raw %.2f s, typed %.2f s, validated %.2f s (best so far)%n",
            round, rounds, rawBest.seconds(), typedBest.seconds(), validatedBest.seconds());
      }
      return new Result(inKafka, validatedBest, rawBest, typedBest);
    }
  }

  /** Wall time from starting a drain-and-stop query to its end, its steps, and the heap's peak meanwhile. */
  private static PathRun timed(Function<StepTimes, StreamingQuery> query) {
    System.gc(); // the previous path's garbage is not this one's peak
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    StepTimes steps = new StepTimes();
    long started = System.nanoTime();
    try {
      query.apply(steps).awaitTermination();
    } catch (StreamingQueryException e) {
      throw new IllegalStateException("benchmark query failed: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long peak = heapPools().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    return new PathRun(seconds, steps.totals(), peak);
  }

  private static java.util.stream.Stream<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP);
  }
}
