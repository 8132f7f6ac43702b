package io.assay.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.BenchReport;
import io.assay.cli.steps.FreshDirectory;
import io.assay.cli.steps.IngestStep;
import io.assay.quality.bench.GateBenchResult;
import io.assay.quality.bench.GateBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay bench gates}: every Silver gate against one plain full scan of the same tables. */
@Command(name = "gates", mixinStandardHelpOptions = true,
    description = "Build N rows of Silver data; time all Silver gates and one full scan of the same tables, in the same run.")
public final class BenchGatesCommand implements Callable<Integer> {
  private final AssayConfig config;

  @Option(names = "--rows", defaultValue = "1000000", description = "Silver rows to build (default ${DEFAULT-VALUE})")
  long rows;

  @Option(names = "--rounds", defaultValue = "3", description = "timed rounds after a warm-up; each table's best counts (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--report", description = "also write the JSON figures to this file")
  Path report;

  public BenchGatesCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (rows <= 0) {
      throw new IllegalArgumentException("--rows must be positive, got " + rows);
    }
    if (rounds <= 0) {
      throw new IllegalArgumentException("--rounds must be positive, got " + rounds);
    }
    Path workDir = FreshDirectory.wipe(config.dataDir().resolve("bench-gates")).toAbsolutePath();
    GateBenchResult result = new GateBenchmark().run(IngestStep.session(config), rows, workDir, rounds);
    BenchReport out = new BenchReport("gates");
    out.figures().put("rows", result.rows())
        .put("checks", result.checks())
        .put("gates_s", result.gatesSeconds())
        .put("scan_s", result.scanSeconds())
        .put("ratio", BenchReport.round(result.ratio()))
        .put("rounds", result.rounds());
    ObjectNode gatesByTable = out.figures().putObject("gates_s_by_table");
    result.gateSecondsByTable().forEach((table, seconds) -> gatesByTable.put(table, BenchReport.round(seconds)));
    ObjectNode scanByTable = out.figures().putObject("scan_s_by_table");
    result.scanSecondsByTable().forEach((table, seconds) -> scanByTable.put(table, BenchReport.round(seconds)));
    out.emit(report);
    return 0;
  }
}
