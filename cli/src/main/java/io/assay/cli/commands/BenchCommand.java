package io.assay.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code assay bench}: measurements printed as ratios against a baseline timed in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks, each against a baseline measured in the same run.",
    subcommands = {BenchIngestCommand.class, BenchGatesCommand.class, BenchTransformCommand.class,
        BenchLatencyCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: ingest, gates, transform or latency (see --help)");
  }
}
