package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.TextTable;
import io.assay.cli.steps.IngestStep;
import io.assay.ingestion.deadletter.DeadLetterSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay dlq summary}: counts per topic, category, field and day, open against resolved. */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Dead letters counted per topic, category, field and day: open, replayed, discarded.")
public final class DlqSummaryCommand implements Callable<Integer> {
  private final AssayConfig config;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DeadLetterFilterOptions filters;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE})")
  OutputFormat format;

  public DlqSummaryCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    DeadLetterSummary.Summary summary = DeadLetterSummary.of(IngestStep.session(config), config.lake(), filters.filter());
    if (format == OutputFormat.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("total", summary.total("all"));
      json.put("open", summary.total("open"));
      json.put("replayed", summary.total("replayed"));
      json.put("discarded", summary.total("discarded"));
      json.put("by_topic", summary.by(DeadLetterSummary.Group::topic));
      json.put("by_category", summary.by(DeadLetterSummary.Group::category));
      json.put("by_field", summary.by(DeadLetterSummary.Group::field));
      json.put("by_day", summary.by(DeadLetterSummary.Group::day));
      json.put("groups", summary.groups());
      out.println(OutputFormat.json(json));
      return 0;
    }
    TextTable table = new TextTable("topic", "category", "field", "day", "open", "replayed", "discarded");
    summary.groups().forEach(g -> table.row(g.topic(), g.category(), g.field().isEmpty() ? "(record)" : g.field(), g.day(),
        g.open(), g.replayed(), g.discarded()));
    out.printf("%s", table.render());
    out.printf("%d dead letters: %d open, %d replayed, %d discarded%n", summary.total("all"), summary.total("open"),
        summary.total("replayed"), summary.total("discarded"));
    return 0;
  }
}
