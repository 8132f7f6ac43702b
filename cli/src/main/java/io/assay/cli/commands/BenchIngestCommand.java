package io.assay.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.BenchReport;
import io.assay.cli.steps.IngestBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay bench ingest}: the validated Bronze job against a typed and a raw Kafka → Delta copy of the same records. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Produce N mixed events once on a fresh embedded stack; time the validated job, a typed from_avro copy and a raw Kafka->Delta copy.")
public final class BenchIngestCommand implements Callable<Integer> {
  private final AssayConfig config;

  @Option(names = "--events", defaultValue = "2000000", description = "events to produce (default ${DEFAULT-VALUE})")
  long events;

  @Option(names = "--fault-rate", defaultValue = "0.05", description = "share of broken events (default ${DEFAULT-VALUE})")
  double faultRate;

  @Option(names = "--rounds", defaultValue = "2", description = "timed rounds per side; the best counts (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--max-offsets-per-trigger", defaultValue = "1000000",
      description = "records per micro-batch, the same for both sides (default ${DEFAULT-VALUE})")
  long maxOffsetsPerTrigger;

  @Option(names = "--report", description = "also write the JSON figures to this file")
  Path report;

  public BenchIngestCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (events <= 0 || rounds <= 0 || maxOffsetsPerTrigger <= 0) {
      throw new IllegalArgumentException("--events, --rounds and --max-offsets-per-trigger must be positive");
    }
    IngestBenchmark.Result result = IngestBenchmark.run(config, events, faultRate, rounds, maxOffsetsPerTrigger,
        Progress.toStderr("produce"));
    BenchReport out = new BenchReport("ingest");
    out.figures().put("events", result.events())
        .put("validated_s", result.validated().seconds())
        .put("raw_s", result.raw().seconds())
        .put("typed_s", result.typed().seconds())
        .put("validated_events_per_s", Math.round(result.validatedEventsPerSecond()))
        .put("raw_events_per_s", Math.round(result.rawEventsPerSecond()))
        .put("typed_events_per_s", Math.round(result.typedEventsPerSecond()))
        .put("ratio", BenchReport.round(result.ratio()))
        .put("ratio_to_typed", BenchReport.round(result.ratioToTyped()));
    path(out.figures().putObject("validated"), result.validated());
    path(out.figures().putObject("raw"), result.raw());
    path(out.figures().putObject("typed"), result.typed());
    out.emit(report);
    return 0;
  }

  /** A path's best round: its steps' milliseconds (summed over its micro-batches) and the heap's peak (local mode: driver and executors share the JVM). */
  private static void path(ObjectNode node, IngestBenchmark.PathRun run) {
    node.put("seconds", run.seconds());
    node.put("peak_heap_mib", Math.round(run.peakHeapBytes() / (1024.0 * 1024)));
    ObjectNode steps = node.putObject("step_ms");
    run.stepMillis().forEach(steps::put);
  }
}
