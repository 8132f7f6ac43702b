package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.steps.IngestStep;
import io.assay.ingestion.deadletter.DeadLetterDiscard;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay dlq discard}: closes open dead letters as knowingly dropped. */
@Command(name = "discard", mixinStandardHelpOptions = true,
    description = "Mark open dead letters (narrowed by the filters) as knowingly dropped, with a reason. Bronze is not touched;"
        + " the dead-letter rows stay as they are.")
public final class DlqDiscardCommand implements Callable<Integer> {
  private final AssayConfig config;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DeadLetterFilterOptions filters;

  @Option(names = "--reason", required = true, description = "why these records are dropped (kept with each of them)")
  String reason;

  public DlqDiscardCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    String runId = RunIds.next();
    long discarded = DeadLetterDiscard.discard(IngestStep.session(config), config.lake(), filters.filter(), runId, reason);
    out.printf("run %s: %d open dead letters marked discarded (%s)%n", runId, discarded, reason);
    return 0;
  }
}
