package io.assay.cli.steps;

import io.assay.cli.config.AssayConfig;
import io.assay.ingestion.bench.RawCopyJob;
import io.assay.ingestion.bronze.BronzeJob;
import io.assay.ingestion.bronze.IngestSettings;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.produce.ProduceOptions;
import io.assay.ingestion.produce.ProgressListener;
import io.assay.lake.LakeLayout;
import io.assay.stack.LocalStack;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;

/**
 * Produces N mixed events once, then drains the same records alternately through the validated Bronze job
 * and through a plain Kafka → Delta copy, each into a fresh lake, and keeps each side's best time:
 * the first rounds pay for JIT and class loading, which is not what the ratio is about.
 */
public final class IngestBenchmark {
  /** Events drained and the best time of each side. */
  public record Result(long events, double validatedSeconds, double rawSeconds) {
    public double validatedEventsPerSecond() {
      return events / validatedSeconds;
    }

    public double rawEventsPerSecond() {
      return events / rawSeconds;
    }

    public double ratio() {
      return validatedEventsPerSecond() / rawEventsPerSecond();
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
      double validatedBest = Double.MAX_VALUE;
      double rawBest = Double.MAX_VALUE;
      for (int round = 1; round <= rounds; round++) {
        LakeLayout lake = new LakeLayout(benchDir.resolve("lake-" + round).toString(), benchDir.resolve("checkpoints-" + round).toString());
        rawBest = Math.min(rawBest, seconds(() -> RawCopyJob.start(spark, bench.kafka(), bench.contracts().topics(),
            lake.table("raw_copy"), lake.checkpoint("raw-copy"), maxOffsetsPerTrigger)));
        IngestSettings settings = bench.ingest(Optional.empty());
        IngestSettings validated = new IngestSettings(settings.kafka(), settings.registry(), lake, settings.appId(),
            Optional.empty(), maxOffsetsPerTrigger, settings.maxMessageBytes(), settings.metricsWatermark());
        validatedBest = Math.min(validatedBest, seconds(() -> BronzeJob.start(spark, bench.contracts(), validated)));
        System.err.printf("bench ingest: round %d of %d: raw %.2f s, validated %.2f s (best so far)%n",
            round, rounds, rawBest, validatedBest);
      }
      return new Result(inKafka, validatedBest, rawBest);
    }
  }

  /** Wall time from starting a drain-and-stop query to its end. */
  private static double seconds(Supplier<StreamingQuery> query) {
    long started = System.nanoTime();
    try {
      query.get().awaitTermination();
    } catch (StreamingQueryException e) {
      throw new IllegalStateException("benchmark query failed: " + e.getMessage(), e);
    }
    return (System.nanoTime() - started) / 1e9;
  }
}
