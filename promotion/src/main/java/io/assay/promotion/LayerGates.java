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
    List<GateReport> reports = new ArrayList<>();
    for (String table : tableNames) {
      Optional<GateFile> gate = gates.gate(layer, table);
      if (gate.isPresent()) {
        Dataset<Row> data = tables.apply(table);
        GateReport report = times.time(table, "gate", () -> runner.verify(gate.get().bind(data.schema()), data, otherTables));
        reports.add(quarantined.containsKey(table) ? quarantined.get(table).account(report) : report);
      }
    }
    QualityResultsTable.append(spark, resultsPath, reports);
    lineage.gatesRan(layer, reports);
    return reports;
  }
}
