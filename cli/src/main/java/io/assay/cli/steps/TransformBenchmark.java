package io.assay.cli.steps;

import io.assay.cli.commands.RunIds;
import io.assay.cli.config.AssayConfig;
import io.assay.ingestion.produce.ProduceOptions;
import io.assay.ingestion.produce.ProgressListener;
import io.assay.promotion.Promotion;
import io.assay.promotion.PromotionResult;
import io.assay.stack.LocalStack;
import io.assay.transformations.ModelCatalog;
import io.assay.transformations.StepTimes;
import io.assay.transformations.UngatedTransform;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Produces N demo events and ingests them into Bronze once, then times, in the same JVM, the gated
 * transform (Bronze gate, Silver and Gold staged, gated, committed) and the ungated baseline: the
 * same SQL models written straight to Delta. The baseline runs once untimed first, so class loading
 * and JIT are paid before either timed side.
 */
public final class TransformBenchmark {
  /** Events produced, both sides' wall times and each side's per-table split. */
  public record Result(long events, double transformSeconds, double baselineSeconds,
      Map<String, Map<String, Double>> transformSplit, Map<String, Map<String, Double>> baselineSplit) {
    public double ratio() {
      return transformSeconds / baselineSeconds;
    }
  }

  private TransformBenchmark() {}

  public static Result run(AssayConfig config, long events, double faultRate, long seed, ProgressListener progress) {
    Path benchDir = FreshDirectory.wipe(config.dataDir().resolve("bench-transform")).toAbsolutePath();
    try (LocalStack stack = LocalStack.start(benchDir.resolve("stack"), 0, 0, config.kafka().partitions())) {
      AssayConfig bench = config.withDataDir(benchDir).withEndpoints(stack.bootstrapServers(), stack.registryUrl());
      ProduceStep.run(bench, new ProduceOptions(events, 0, faultRate, bench.contracts().topics(), seed), "bench", progress);
      IngestStep.run(bench, Optional.empty());
      return timeBoth(bench, events, benchDir);
    }
  }

  /**
   * The same on Bronze tables ingested earlier (a previous run's {@code bench-transform/lake}): they are
   * copied into a fresh bench folder, so repeated measurements skip producing and ingesting.
   */
  public static Result runOn(AssayConfig config, Path bronzeLake) {
    Path benchDir = FreshDirectory.wipe(config.dataDir().resolve("bench-transform-rerun")).toAbsolutePath();
    AssayConfig bench = config.withDataDir(benchDir);
    try (java.util.stream.Stream<Path> tables = java.nio.file.Files.list(bronzeLake)) {
      for (Path table : tables.filter(t -> t.getFileName().toString().startsWith("bronze_")).toList()) {
        copyTree(table, Path.of(bench.lake().table(table.getFileName().toString())));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot copy Bronze from " + bronzeLake, e);
    }
    return timeBoth(bench, -1, benchDir);
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (java.nio.file.Files.isDirectory(file)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(file, target);
        }
      }
    }
  }

  private static Result timeBoth(AssayConfig bench, long events, Path benchDir) {
    {
      SparkSession spark = IngestStep.session(bench);
      ModelCatalog models = ModelCatalog.fromClasspath(spark);
      UngatedTransform.run(spark, models, bench.lake(), benchDir.resolve("baseline-warmup").toString());
      Promotion promotion = Promotion.forLake(spark, bench.lake(), RunIds.next(), bench.lineage());
      long started = System.nanoTime();
      PromotionResult result = promotion.transform(models);
      double transformSeconds = (System.nanoTime() - started) / 1e9;
      if (result.halted()) {
        throw new IllegalStateException("the benchmark's gated transform halted: " + String.join("\n", result.summaryLines()));
      }
      started = System.nanoTime();
      StepTimes baseline = UngatedTransform.run(spark, models, bench.lake(), benchDir.resolve("baseline").toString());
      double baselineSeconds = (System.nanoTime() - started) / 1e9;
      return new Result(events, transformSeconds, baselineSeconds, promotion.times().seconds(), baseline.seconds());
    }
  }
}
