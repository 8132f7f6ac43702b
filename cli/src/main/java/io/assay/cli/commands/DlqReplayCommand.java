package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.TextTable;
import io.assay.cli.steps.IngestStep;
import io.assay.ingestion.deadletter.DeadLetterReplay;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay dlq replay}: open dead letters through today's contracts and registry, passing ones into Bronze. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-decode and re-validate open dead letters against the contracts and registry in force now."
        + " Records that pass go into their Bronze table (original Kafka coordinates, _replay_run_id); the rest stay"
        + " open with the violation found now. Exactly once: a killed or repeated replay adds nothing twice.")
public final class DlqReplayCommand implements Callable<Integer> {
  private final AssayConfig config;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DeadLetterFilterOptions filters;

  @Option(names = "--dry-run", description = "only count what would be recovered; write nothing")
  boolean dryRun;

  @Option(names = "--batch-size", defaultValue = "50000", description = "dead letters per idempotent write (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--run-id", description = "resume a killed run under its id (default: a new id; rerunning under a new id is safe too)")
  String runId;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE})")
  OutputFormat format;

  public DlqReplayCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    DeadLetterReplay replay = new DeadLetterReplay(IngestStep.session(config), config.contracts(), config.lake(),
        config.ingest(Optional.empty()).registry(), config.maxMessageBytes());
    DeadLetterReplay.Result result = replay.run(new DeadLetterReplay.Options(filters.filter(),
        runId == null ? RunIds.next() : runId, batchSize, dryRun));
    if (format == OutputFormat.json) {
      out.println(OutputFormat.json(result));
      return 0;
    }
    TextTable table = new TextTable("original category", "recovered");
    result.recoveredByCategory().forEach(table::row);
    out.printf("%s", table.render());
    TextTable failing = new TextTable("still failing as", "records");
    result.stillFailingByCategory().forEach(failing::row);
    out.printf("%s", failing.render());
    out.printf("run %s%s: %d open dead letters, %d %s, %d still failing%s%n", result.runId(), dryRun ? " (dry run)" : "",
        result.candidates(), result.recovered(), dryRun ? "would be recovered" : "recovered", result.stillFailing(),
        dryRun ? "" : "; " + result.insertedIntoBronze() + " Bronze rows carry this run id");
    return 0;
  }
}
