package io.assay.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.BenchReport;
import io.assay.cli.steps.TransformBenchmark;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay bench transform}: the gated transform against the same SQL models written straight to Delta. */
@Command(name = "transform", mixinStandardHelpOptions = true,
    description = "Produce and ingest N demo events once; time the gated transform and the ungated models (no staging, no gates) in the same run.")
public final class BenchTransformCommand implements Callable<Integer> {
  private final AssayConfig config;

  @Option(names = "--events", defaultValue = "20000", description = "events to produce (default ${DEFAULT-VALUE})")
  long events;

  @Option(names = "--fault-rate", defaultValue = "0.05", description = "share of broken events (default ${DEFAULT-VALUE})")
  double faultRate;

  @Option(names = "--seed", defaultValue = "42", description = "seed for repeatable data (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--bronze", description = "skip producing and ingesting: copy the Bronze tables of this lake folder"
      + " (e.g. data/bench-transform/lake from an earlier run)")
  Path bronze;

  @Option(names = "--report", description = "also write the JSON figures to this file")
  Path report;

  public BenchTransformCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (events <= 0) {
      throw new IllegalArgumentException("--events must be positive, got " + events);
    }
    TransformBenchmark.Result result = bronze != null ? TransformBenchmark.runOn(config, bronze)
        : TransformBenchmark.run(config, events, faultRate, seed, Progress.toStderr("produce"));
    BenchReport out = new BenchReport("transform");
    out.figures().put("events", result.events())
        .put("transform_s", BenchReport.round(result.transformSeconds()))
        .put("baseline_s", BenchReport.round(result.baselineSeconds()))
        .put("ratio", BenchReport.round(result.ratio()));
    split(out.figures().putObject("transform_split_s"), result.transformSplit());
    split(out.figures().putObject("baseline_split_s"), result.baselineSplit());
    out.emit(report);
    return 0;
  }

  private static void split(ObjectNode node, Map<String, Map<String, Double>> seconds) {
    seconds.forEach((table, steps) -> {
      ObjectNode row = node.putObject(table);
      steps.forEach((step, s) -> row.put(step, BenchReport.round(s)));
    });
  }
}
