package io.assay.promotion;

import io.assay.promotion.lineage.PromotionLineage;
import io.assay.quality.GateCatalog;
import io.assay.quality.GateFile;
import io.assay.quality.GateReport;
import io.assay.quality.GateRunner;
import io.assay.quality.QualityResultsTable;
import io.assay.transformations.StepTimes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one layer's gates over the tables a caller hands it (committed tables, or staged candidates) and
 * records every outcome in {@code quality_results}, passing or not: results are data. The same outcomes
 * go to the lineage as facets of the judged tables.
 */
final class LayerGates {
  /** Gates of a layer that run at once (measured on 2 cores: quality/README.md). */
  static final int CONCURRENT_GATES = 2;
  private final SparkSession spark;
  private final GateCatalog gates;
  private final GateRunner runner;
  private final String resultsPath;
  private final PromotionLineage lineage;
  private final StepTimes times;

  /** The gate of a table, bound to the schema of the data it will verify. */
  Optional<io.assay.quality.Gate> gate(String layer, String table, org.apache.spark.sql.types.StructType schema) {
    return gates.gate(layer, table).map(file -> file.bind(schema));
  }

  LayerGates(SparkSession spark, GateCatalog gates, GateRunner runner, String resultsPath, PromotionLineage lineage,
      StepTimes times) {
    this.spark = spark;
    this.times = times;
    this.gates = gates;
    this.runner = runner;
    this.resultsPath = resultsPath;
    this.lineage = lineage;
  }

  /**
   * Verifies each named table that has a gate file.
   *
   * @param tables the data each table would hold once promoted, by table name
   * @param otherTables what referential checks look up (staged candidates first, then committed tables)
   */
  List<GateReport> verify(String layer, List<String> tableNames, Function<String, Dataset<Row>> tables,
      Function<String, Dataset<Row>> otherTables) {
    return verify(layer, tableNames, tables, otherTables, Map.of());
  }

  /** As above, each table's report accounting for the rows its quarantine checks set aside (by table name). */
  List<GateReport> verify(String layer, List<String> tableNames, Function<String, Dataset<Row>> tables,
      Function<String, Dataset<Row>> otherTables, Map<String, QuarantineSplit> quarantined) {
    List<Callable<GateReport>> runs = new ArrayList<>();
    for (String table : tableNames) {
      Optional<GateFile> gate = gates.gate(layer, table);
      if (gate.isPresent()) {
        runs.add(() -> {
          Dataset<Row> data = tables.apply(table);
          GateReport report = times.time(table, "gate", () -> runner.verify(gate.get().bind(data.schema()), data, otherTables));
          return quarantined.containsKey(table) ? quarantined.get(table).account(report) : report;
        });
      }
    }
    List<GateReport> reports = inParallel(runs);
    QualityResultsTable.append(spark, resultsPath, reports);
    lineage.gatesRan(layer, reports);
    return reports;
  }

  /**
   * The tables' gates, {@link #CONCURRENT_GATES} at a time, reports in the tables' order. A gate is a few
   * Spark jobs, and between them (planning, a small table's single task, the driver's bookkeeping) a
   * core would idle; a second gate's jobs fill it. A gate that fails to run (an error, not a failed
   * check) is rethrown, the first in the tables' order; gates not started by then are not run.
   */
  private static List<GateReport> inParallel(List<Callable<GateReport>> runs) {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_GATES, runnable -> {
      Thread thread = new Thread(runnable, "assay-gate");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<GateReport>> running = runs.stream().map(pool::submit).toList();
      List<GateReport> reports = new ArrayList<>();
      for (Future<GateReport> run : running) {
        reports.add(result(run));
      }
      return reports;
    } finally {
      pool.shutdownNow();
    }
  }

  private static GateReport result(Future<GateReport> run) {
    try {
      return run.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while gates ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
