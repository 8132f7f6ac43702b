package io.assay.promotion;

import io.assay.promotion.lineage.PromotionLineage;
import io.assay.quality.GateCatalog;
import io.assay.quality.GateFile;
import io.assay.quality.GateReport;
import io.assay.quality.GateRunner;
import io.assay.quality.QualityResultsTable;
import java.util.ArrayList;
import java.util.List;
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

  LayerGates(SparkSession spark, GateCatalog gates, GateRunner runner, String resultsPath, PromotionLineage lineage) {
    this.spark = spark;
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
    List<GateReport> reports = new ArrayList<>();
    for (String table : tableNames) {
      Optional<GateFile> gate = gates.gate(layer, table);
      if (gate.isPresent()) {
        Dataset<Row> data = tables.apply(table);
        reports.add(runner.verify(gate.get().bind(data.schema()), data, otherTables));
      }
    }
    QualityResultsTable.append(spark, resultsPath, reports);
    lineage.gatesRan(layer, reports);
    return reports;
  }
}
