package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.RunReport;
import io.assay.cli.steps.ProduceStep;
import io.assay.ingestion.produce.ProduceOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay produce}: generate events into a running Kafka (local or remote). */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = "Produce events through the contract-enforcing serializer, with faults, and write a ledger.")
public final class ProduceCommand implements Callable<Integer> {
  private final AssayConfig config;

  @Option(names = "--events", defaultValue = "10000", description = "events in all (default ${DEFAULT-VALUE}), split over the topics")
  long events;

  @Option(names = "--rate", defaultValue = "0", description = "events per second for all topics together; 0 = as fast as possible")
  double rate;

  @Option(names = "--fault-rate", defaultValue = "0.05", description = "share of events broken on purpose (default ${DEFAULT-VALUE})")
  double faultRate;

  @Option(names = "--topic", description = "produce to this topic only (repeatable); default all contracts' topics")
  List<String> topics;

  @Option(names = "--seed", defaultValue = "42", description = "seed for repeatable data (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--report", description = "also write the JSON report to this file")
  Path report;

  public ProduceCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    List<String> chosen = topics == null || topics.isEmpty() ? config.contracts().topics() : topics;
    ProduceOptions options = new ProduceOptions(events, rate, faultRate, chosen, seed);
    ProduceStep.Result result = ProduceStep.run(config, options, RunIds.next(), Progress.toStderr("produce"));
    RunReport out = new RunReport(result.runId());
    ProduceReporting.addProduceSection(out, result);
    System.out.println(out.toJson());
    if (report != null) {
      out.writeTo(report);
    }
    return result.counts().sendFailed().isEmpty() ? 0 : 1;
  }
}
