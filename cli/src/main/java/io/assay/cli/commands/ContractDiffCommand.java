package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.TextTable;
import io.assay.cli.steps.ContractDiff;
import io.assay.cli.steps.IngestStep;
import io.assay.ingestion.contractdiff.BronzeImpact;
import io.assay.schemas.contract.ContractCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay contract diff <folder>}: what a contract change would do, before it ships; exits 1 to block it. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compare a folder of proposed .avsc + .contract.yaml files with the contracts in force: Avro compatibility"
        + " per subject (the registry's level and reasons), each rule change as tightening or relaxing, the Bronze rows of"
        + " the last --days days it would newly reject (per rule, with examples), and the open dead letters it would recover."
        + " Exits 1 when a schema is incompatible or the newly rejected share of scanned rows exceeds --max-reject-share.")
public final class ContractDiffCommand implements Callable<Integer> {
  private final AssayConfig config;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FOLDER", description = "the proposed contracts")
  Path folder;

  @Option(names = "--days", defaultValue = "7", description = "Bronze rows whose event day is within this many days (default ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--max-reject-share", defaultValue = "0",
      description = "fail when more than this share (0..1) of the scanned Bronze rows would be newly rejected (default ${DEFAULT-VALUE}: any)")
  double maxRejectShare;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE})")
  OutputFormat format;

  public ContractDiffCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (days < 1 || maxRejectShare < 0 || maxRejectShare > 1) {
      throw new IllegalArgumentException("--days must be at least 1 and --max-reject-share between 0 and 1");
    }
    ContractCatalog proposed = ContractCatalog.fromDirectory(folder);
    ContractDiff.Report report = ContractDiff.run(IngestStep.session(config), config, config.contracts(), proposed, days, maxRejectShare);
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.println(OutputFormat.json(report));
    } else {
      out.printf("%s", text(report));
    }
    out.flush();
    return report.passes() ? 0 : 1;
  }

  private static String text(ContractDiff.Report report) {
    StringBuilder out = new StringBuilder("Avro compatibility\n");
    TextTable subjects = new TextTable("subject", "level", "verdict", "reason");
    report.subjects().forEach(s -> subjects.row(s.subject(), s.level(), s.verdict(), String.join(" | ", s.reasons())));
    out.append(subjects.render()).append("\nRule changes\n");
    TextTable changes = new TextTable("topic", "field", "rule", "in force", "proposed", "direction");
    report.changes().forEach(c -> changes.row(c.topic(), c.field(), c.rule(), c.before(), c.after(), c.direction()));
    out.append(changes.isEmpty() ? "(none)\n" : changes.render());
    out.append("\nBronze rows newly rejected (event day within the last ").append(report.days()).append(" days)\n");
    TextTable bronze = new TextTable("topic", "rule", "category", "rows", "examples");
    for (BronzeImpact.TopicImpact topic : report.bronze()) {
      bronze.row(topic.topic(), "(all rules)", "", topic.newlyRejected() + " of " + topic.scanned(), "");
      topic.byRule().forEach(r -> bronze.row("", r.rule(), r.category(), r.rows(), String.join("; ", r.examples())));
    }
    out.append(bronze.isEmpty() ? "(no topic with changes)\n" : bronze.render());
    out.append("\nOpen dead letters recovered\n");
    TextTable recovery = new TextTable("category", "recoverable");
    report.recovery().byCategory().forEach(recovery::row);
    out.append(recovery.isEmpty() ? "(none)\n" : recovery.render());
    out.append(String.format("%d of %d open dead letters would be recovered; %d of %d Bronze rows (%.4f) newly rejected, limit %.4f%n",
        report.recovery().recoverable(), report.recovery().openDeadLetters(), report.newlyRejected(), report.bronzeScanned(),
        report.newlyRejectedShare(), report.maxRejectShare()));
    out.append(report.passes() ? "verdict: PASS\n" : "verdict: FAIL (" + (report.incompatible() ? "incompatible schema" : "")
        + (report.incompatible() && report.overThreshold() ? ", " : "") + (report.overThreshold() ? "rejects too much existing data" : "") + ")\n");
    return out.toString();
  }
}
