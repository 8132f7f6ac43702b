package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.steps.IngestStep;
import io.assay.lake.LakeCatalog;
import io.assay.lake.LakeLayout;
import io.assay.quality.QualityResultsTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/** {@code assay tables}: every table the catalog names, with its size, Delta version and last gate outcome. */
@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "List the lake's tables by name (registering any not yet named): rows, Delta version, last gate outcome.")
public final class TablesCommand implements Callable<Integer> {
  private final AssayConfig config;

  public TablesCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (!config.catalog().enabled()) {
      throw new IllegalStateException("no catalog is configured (ASSAY_CATALOG=none), so tables have no names:"
          + " jobs address them by path under " + config.lake().root() + ". Set ASSAY_CATALOG=local (or hive, glue, unity)");
    }
    SparkSession spark = IngestStep.session(config);
    LakeCatalog catalog = new LakeCatalog(spark);
    catalog.registerAll(config.lake());
    List<String> tables = catalog.registeredTables();
    if (tables.isEmpty()) {
      System.out.println("no tables yet in " + config.catalog() + ": run `assay ingest` (Bronze) and `assay transform` (Silver, Gold)");
      return 0;
    }
    Map<String, String> gates = QualityResultsTable.lastOutcomes(spark, config.lake().table(LakeLayout.QUALITY_RESULTS_TABLE));
    System.out.printf("%-40s %10s %8s  %s%n", "table", "rows", "version", "last gate");
    for (String table : tables) {
      LakeCatalog.TableSummary summary = catalog.summarize(table);
      System.out.printf("%-40s %10d %8d  %s%n", table, summary.rows(), summary.version(),
          gates.getOrDefault(summary.table(), "not gated"));
    }
    System.out.println("catalog: " + config.catalog());
    return 0;
  }
}
