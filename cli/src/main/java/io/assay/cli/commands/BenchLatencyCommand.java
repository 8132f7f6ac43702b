package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.BenchReport;
import io.assay.cli.steps.LatencyBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay bench latency}: Kafka timestamp → Bronze commit, under a steady producer rate. */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "On a fresh embedded stack, after a warm-up, produce at a steady rate while the Bronze job runs with a short"
        + " trigger; report each event's delay from its Kafka timestamp to the Delta commit holding it (p50, p95, max).")
public final class BenchLatencyCommand implements Callable<Integer> {
  private final AssayConfig config;

  @Option(names = "--rate", defaultValue = "5000", description = "events per second, all topics together (default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--seconds", defaultValue = "60", description = "measured seconds of producing (default ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--warmup", defaultValue = "30",
      description = "seconds produced at the same rate and drained before the window, not counted: JIT,"
          + " first commits and the backlog of the cold first batches (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--trigger", defaultValue = "1s", description = "the Bronze job's micro-batch interval (default ${DEFAULT-VALUE})")
  String trigger;

  @Option(names = "--fault-rate", defaultValue = "0.05", description = "share of broken events (default ${DEFAULT-VALUE})")
  double faultRate;

  @Option(names = "--report", description = "also write the JSON figures to this file")
  Path report;

  public BenchLatencyCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (rate <= 0 || seconds <= 0 || warmup < 0) {
      throw new IllegalArgumentException("--rate and --seconds must be positive and --warmup 0 or more");
    }
    LatencyBenchmark.Result result = LatencyBenchmark.run(config, rate, seconds, warmup, IngestCommand.parse(trigger),
        faultRate, Progress.toStderr("produce"));
    BenchReport out = new BenchReport("latency");
    out.figures().put("rate", rate).put("seconds", seconds).put("warmup_s", warmup).put("trigger", trigger)
        .put("produced", result.produced())
        .put("produced_events_per_s", Math.round(result.producedPerSecond()))
        .put("events", result.latency().events())
        .put("p50_s", BenchReport.round(result.latency().p50Seconds()))
        .put("p95_s", BenchReport.round(result.latency().p95Seconds()))
        .put("max_s", BenchReport.round(result.latency().maxSeconds()))
        .put("batches", result.batches())
        .put("median_batch_records", result.batchesWithRecords().medianRecords())
        .put("median_batch_s", BenchReport.round(result.batchesWithRecords().medianSeconds()))
        .put("max_batch_s", BenchReport.round(result.batchesWithRecords().maxSeconds()));
    result.stepMillis().forEach(out.figures().putObject("step_ms")::put);
    out.emit(report);
    return 0;
  }
}
