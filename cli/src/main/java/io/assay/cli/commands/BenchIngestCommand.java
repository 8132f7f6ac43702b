package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.BenchReport;
import io.assay.cli.steps.IngestBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay bench ingest}: the validated Bronze job against a plain Kafka → Delta copy of the same records. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Produce N mixed events once on a fresh embedded stack; time the validated job and a raw Kafka->Delta copy.")
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
        .put("validated_s", result.validatedSeconds())
        .put("raw_s", result.rawSeconds())
        .put("validated_events_per_s", Math.round(result.validatedEventsPerSecond()))
        .put("raw_events_per_s", Math.round(result.rawEventsPerSecond()))
        .put("ratio", Math.round(result.ratio() * 1000) / 1000.0);
    out.emit(report);
    return 0;
  }
}
