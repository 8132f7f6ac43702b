package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.lineage.LineageGraph;
import io.assay.cli.lineage.LineageReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay lineage}: the recorded OpenLineage events as a graph of tables, jobs and gate outcomes. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = "Read the recorded OpenLineage events: each table with its upstream tables, the jobs that wrote it and its last gate outcome.")
public final class LineageCommand implements Callable<Integer> {
  private final AssayConfig config;

  @Option(names = "--events", description = "events file (default: ASSAY_OPENLINEAGE_FILE or <data>/lineage/events.ndjson)")
  Path events;

  @Option(names = "--table", description = "only this table's path upstream, down to the Kafka topics")
  String table;

  @Option(names = "--format", defaultValue = "text", description = "text or dot (Graphviz) (default ${DEFAULT-VALUE})")
  String format;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  public LineageCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (!List.of("text", "dot").contains(format)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text or dot; got '" + format + "'");
    }
    if (events == null && config.lineage().http()) {
      throw new IllegalArgumentException("lineage goes to " + config.lineage().url().orElseThrow()
          + " (ASSAY_OPENLINEAGE_URL): read it there, or pass --events FILE");
    }
    LineageGraph graph = LineageGraph.read(events != null ? events : defaultEvents());
    LineageReport report = new LineageReport(graph);
    if (table == null) {
      System.out.print("dot".equals(format) ? report.dot(graph.tables()) : String.join(System.lineSeparator(), report.tables()) + System.lineSeparator());
      return ExitCodes.OK;
    }
    List<LineageGraph.Node> found = graph.find(table);
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no table '" + table + "' in the " + graph.eventCount() + " recorded events");
    }
    for (LineageGraph.Node node : found) {
      System.out.print("dot".equals(format) ? report.dot(report.upstreamClosure(node))
          : String.join(System.lineSeparator(), report.path(node)) + System.lineSeparator());
    }
    return ExitCodes.OK;
  }

  /** The configured file; when it is missing and the demo's is there (the demo keeps its own data folder), say so. */
  private Path defaultEvents() {
    Path configured = Path.of(config.lineage().fileLocation());
    Path demo = Path.of(config.withDataDir(config.dataDir().resolve("demo")).lineage().fileLocation());
    if (!Files.isRegularFile(configured) && Files.isRegularFile(demo)) {
      throw new IllegalArgumentException("no OpenLineage events at " + configured.toAbsolutePath() + "; the demo's are at "
          + demo.toAbsolutePath() + ": ASSAY_DATA_DIR=" + config.dataDir().resolve("demo") + " ./assay lineage, or pass --events "
          + demo);
    }
    return configured;
  }
}
