package io.assay.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code assay bench}: measurements against a baseline timed in the same run, and the ingestion latency's distribution. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: ingest, gates and transform against a baseline measured in the same run; latency as a distribution.",
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
