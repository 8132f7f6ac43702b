package io.assay.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.assay.cli.report.GoldLedgerReconciliation;
import io.assay.promotion.PromotionResult;
import io.assay.cli.report.RunReport;
import io.assay.ingestion.ledger.Ledger;
import io.assay.lake.LakeLayout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Puts the gates' outcomes and Gold into a report, and Gold reconciled against the ledger. */
final class PromotionReporting {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PromotionReporting() {}

  static void addGateSection(RunReport report, PromotionResult result) {
    report.section("gates").setAll((ObjectNode) JSON.valueToTree(result.countsByLayer()));
    // Rows set aside by quarantine checks in this run, per table and check; Gold's reconciliation subtracts them.
    report.section("quarantined").setAll((ObjectNode) JSON.valueToTree(result.quarantined()));
    result.haltedAt().ifPresent(layer -> report.reconcile("gates_pass", "all gates passing", "halted at " + layer));
  }

  /** @param replayed Kafka positions of dead letters replayed into Bronze: Gold must count them too */
  static void addGoldSections(RunReport report, SparkSession spark, LakeLayout lake, Path ledgerFile, Set<String> replayed) {
    ObjectNode gold = report.section("gold");
    ArrayNode revenue = gold.putArray("daily_order_revenue");
    for (Row row : read(spark, lake, "gold_daily_order_revenue")
        .selectExpr("cast(order_date as string)", "currency", "orders", "items", "gross_revenue", "avg_order_value")
        .orderBy("order_date", "currency").collectAsList()) {
      revenue.addObject().put("day", row.getString(0)).put("currency", row.getString(1)).put("orders", row.getLong(2))
          .put("items", row.getLong(3)).put("gross_revenue", row.getDecimal(4)).put("avg_order_value", row.getDecimal(5));
    }
    Map<String, long[]> byMethod = new TreeMap<>();
    for (Row row : read(spark, lake, "gold_payment_success_rate").selectExpr("method", "attempts", "successes").collectAsList()) {
      long[] c = byMethod.computeIfAbsent(row.getString(0), m -> new long[2]);
      c[0] += row.getLong(1);
      c[1] += row.getLong(2);
    }
    ObjectNode success = gold.putObject("payment_success_rate");
    byMethod.forEach((method, c) -> success.putObject(method).put("attempts", c[0]).put("successes", c[1])
        .put("success_rate", BigDecimal.valueOf(c[1]).divide(BigDecimal.valueOf(c[0]), 4, RoundingMode.HALF_UP)));

    Ledger ledger = Ledger.read(ledgerFile);
    for (GoldLedgerReconciliation.Comparison comparison : new GoldLedgerReconciliation.Comparison[] {
        GoldLedgerReconciliation.revenue(spark, lake, ledger, replayed),
        GoldLedgerReconciliation.paymentSuccess(spark, lake, ledger, replayed)}) {
      report.reconcile(comparison.check(), comparison.expected(), comparison.actual());
    }
  }

  private static org.apache.spark.sql.Dataset<Row> read(SparkSession spark, LakeLayout lake, String table) {
    return spark.read().format("delta").load(lake.table(table));
  }
}
