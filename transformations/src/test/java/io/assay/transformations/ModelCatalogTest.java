package io.assay.transformations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
  private static final List<String> SHIPPED = List.of("silver_orders", "silver_clickstream", "silver_payments", "silver_weather",
      "silver_dlq_audit", "gold_daily_order_revenue", "gold_payment_success_rate", "gold_pipeline_health");
  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  @Test
  void shippedModelsRunAfterEveryModelTheyRead() {
    ModelCatalog catalog = ModelCatalog.fromClasspath(spark);
    List<String> order = catalog.runOrder().stream().map(Model::name).toList();
    assertEquals(Set.copyOf(SHIPPED), Set.copyOf(order));
    for (Model model : catalog.runOrder()) {
      for (String source : model.modelSources()) {
        assertTrue(order.indexOf(source) < order.indexOf(model.name()), source + " before " + model.name());
      }
    }
    assertEquals(5, catalog.layer("silver").size());
    assertEquals(List.of("gold_daily_order_revenue", "gold_payment_success_rate", "gold_pipeline_health"),
        catalog.layer("gold").stream().map(Model::name).toList());
    Model health = catalog.get("gold_pipeline_health");
    assertEquals(Set.of("silver_orders", "silver_clickstream", "silver_payments", "silver_weather", "silver_dlq_audit"),
        health.modelSources());
    assertEquals(Set.of("quality_results"), health.lakeSources());
    assertEquals(Set.of("bronze_orders"), catalog.get("silver_orders").lakeSources());
    assertEquals(List.of("order_id", "line_number"), catalog.get("silver_orders").header().key());
  }

  @Test
  void addingAModelIsAddingAFile(@TempDir Path dir) throws IOException {
    for (String name : SHIPPED) {
      try (InputStream sql = getClass().getClassLoader().getResourceAsStream("models/" + name + ".sql")) {
        Files.copy(sql, dir.resolve(name + ".sql"));
      }
    }
    Files.writeString(dir.resolve("gold_customer_orders.sql"), """
        -- key: order_date, customer_id
        -- incremental: replace_days(order_date)
        -- days_from: silver_orders: order_date
        SELECT order_date, customer_id, COUNT(DISTINCT order_id) AS orders FROM silver_orders GROUP BY order_date, customer_id
        """);
    ModelCatalog catalog = ModelCatalog.fromDirectory(dir, spark);
    List<String> order = catalog.runOrder().stream().map(Model::name).toList();
    assertTrue(order.indexOf("silver_orders") < order.indexOf("gold_customer_orders"), order.toString());
    assertEquals(4, catalog.layer("gold").size());
  }

  @Test
  void unknownTableFailsAtLoadNamingTheFileAndTheTable() {
    ModelDefinitionException error = assertThrows(ModelDefinitionException.class, () -> ModelCatalog.of(Map.of(
        "silver_refunds.sql", """
            -- key: refund_id
            -- incremental: append_new
            SELECT r.refund_id FROM bronze_refunds r JOIN refund_reasons x ON x.id = r.reason_id
            """), spark));
    assertTrue(error.getMessage().startsWith("silver_refunds.sql: reads unknown table 'refund_reasons'"), error.getMessage());
  }

  @Test
  void modelsReadingEachOtherInACycleAreRejected() {
    String header = "-- key: day\n-- incremental: replace_days(day)\n";
    ModelDefinitionException error = assertThrows(ModelDefinitionException.class, () -> ModelCatalog.of(Map.of(
        "gold_a.sql", header + "-- days_from: gold_b: day\nSELECT day FROM gold_b",
        "gold_b.sql", header + "-- days_from: gold_a: day\nSELECT day FROM gold_a"), spark));
    assertTrue(error.getMessage().contains("cycle: [gold_a, gold_b]"), error.getMessage());
  }

  @Test
  void headerAndSyntaxErrorsNameTheFile() {
    assertTrue(assertThrows(ModelDefinitionException.class, () -> ModelCatalog.of(Map.of(
        "silver_x.sql", "-- incremental: append_new\nSELECT a FROM bronze_x"), spark))
        .getMessage().startsWith("silver_x.sql: missing header '-- key"));
    assertTrue(assertThrows(ModelDefinitionException.class, () -> ModelCatalog.of(Map.of(
        "silver_x.sql", "-- key: a\n-- incremental: append_new\n-- partiton_by: a\nSELECT a FROM bronze_x"), spark))
        .getMessage().startsWith("silver_x.sql:3: unknown header 'partiton_by'"));
    assertTrue(assertThrows(ModelDefinitionException.class, () -> ModelCatalog.of(Map.of(
        "silver_x.sql", "-- key: a\n-- incremental: append_new\nSELECT a FROM (bronze_x"), spark))
        .getMessage().startsWith("silver_x.sql: not valid Spark SQL"));
    assertTrue(assertThrows(ModelDefinitionException.class, () -> ModelCatalog.of(Map.of(
        "gold_x.sql", "-- key: d\n-- incremental: replace_days(d)\nSELECT d FROM silver_y",
        "silver_y.sql", "-- key: d\n-- incremental: append_new\nSELECT d FROM bronze_y"), spark))
        .getMessage().startsWith("gold_x.sql: replaces days, so it needs '-- days_from: silver_y"));
  }

  @Test
  void referencesSkipCommonTableExpressionsCommentsAndStrings() {
    String sql = """
        -- FROM not_a_table
        WITH recent AS (SELECT * FROM silver_orders), totals AS (SELECT * FROM recent)
        SELECT 'FROM quoted_name' AS label, t.* FROM totals t
        /* JOIN commented_out */
        LEFT JOIN `bronze_payments` p ON p.order_id = t.order_id
        """;
    assertEquals(Set.of("silver_orders", "bronze_payments"), TableReferences.in(sql));
  }
}
