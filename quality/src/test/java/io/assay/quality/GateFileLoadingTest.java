package io.assay.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.quality.bench.SpecSchemas;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class GateFileLoadingTest {
  private static final StructType PAYMENTS = new StructType()
      .add("payment_id", DataTypes.StringType).add("amount", DataTypes.createDecimalType(12, 2))
      .add("status", DataTypes.StringType).add("paid_at", DataTypes.TimestampType);

  @Test
  void shippedGateFilesLoadAndBindAgainstTheSpecSchemas() {
    GateCatalog catalog = GateCatalog.fromClasspath();
    Map<String, StructType> schemas = SpecSchemas.all();
    assertEquals(13, catalog.all().size());
    assertTrue(catalog.checkCount() >= 75, "only " + catalog.checkCount() + " checks");
    for (GateFile file : catalog.all()) {
      StructType schema = schemas.get(file.table());
      assertTrue(schema != null, "no spec schema for " + file.table());
      file.bind(schema);
    }
    for (String layer : new String[] {"bronze", "silver", "gold"}) {
      assertEquals(layer.equals("gold") ? 3 : 5, catalog.layer(layer).size(), layer);
    }
    assertTrue(catalog.gate("silver", "silver_payments").isPresent());
  }

  @Test
  void shippedGateFilesUseEveryCheckType() {
    java.util.Set<CheckType> used = new java.util.HashSet<>();
    GateCatalog.fromClasspath().all().forEach(f -> f.checks().forEach(c -> used.add(c.type())));
    assertEquals(java.util.EnumSet.allOf(CheckType.class), used);
  }

  @Test
  void unknownCheckTypeNamesFileLineAndColumn() {
    String yaml = """
        layer: silver
        table: silver_payments
        checks:
          - name: amount_positive
            type: positive
            severity: error
        """;
    GateDefinitionException e = assertThrows(GateDefinitionException.class, () -> GateFile.parse("p.yaml", yaml));
    assertTrue(e.getMessage().startsWith("p.yaml:5:11: "), e.getMessage());
    assertTrue(e.getMessage().contains("unknown check type 'positive'"), e.getMessage());
  }

  @Test
  void unknownOptionNamesFileLineAndColumn() {
    String yaml = """
        layer: silver
        table: silver_payments
        checks:
          - {name: amount_max, type: max, severity: error, column: amount, value: 10, maximum: 5}
        """;
    GateDefinitionException e = assertThrows(GateDefinitionException.class, () -> GateFile.parse("p.yaml", yaml));
    assertTrue(e.getMessage().startsWith("p.yaml:4:79: "), e.getMessage());
    assertTrue(e.getMessage().contains("unknown option 'maximum'"), e.getMessage());
  }

  @Test
  void missingColumnIsAnErrorAtBindTime() {
    String yaml = """
        layer: silver
        table: silver_payments
        checks:
          - name: currency_known
            type: allowed_values
            severity: error
            column: currency
            values: [USD]
        """;
    GateFile file = GateFile.parse("silver/silver_payments.yaml", yaml);
    GateDefinitionException e = assertThrows(GateDefinitionException.class, () -> file.bind(PAYMENTS));
    assertTrue(e.getMessage().startsWith("silver/silver_payments.yaml:7:13: "), e.getMessage());
    assertTrue(e.getMessage().contains("no column 'currency'"), e.getMessage());
  }

  @Test
  void columnInPredicateMustExist() {
    String yaml = """
        layer: silver
        table: t
        checks:
          - {name: refunds, type: satisfies, severity: error, predicate: "refund <= amount"}
        """;
    GateDefinitionException e = assertThrows(GateDefinitionException.class,
        () -> GateFile.parse("t.yaml", yaml).bind(PAYMENTS));
    assertTrue(e.getMessage().startsWith("t.yaml:4:66: "), e.getMessage());
    assertTrue(e.getMessage().contains("'refund'"), e.getMessage());
  }

  @Test
  void malformedRegexIsAnErrorAtBindTime() {
    String yaml = """
        layer: silver
        table: t
        checks:
          - {name: id_format, type: pattern, severity: error, column: payment_id, regex: 'PAY-[0-9'}
        """;
    GateDefinitionException e = assertThrows(GateDefinitionException.class,
        () -> GateFile.parse("t.yaml", yaml).bind(PAYMENTS));
    assertTrue(e.getMessage().startsWith("t.yaml:4:82: "), e.getMessage());
    assertTrue(e.getMessage().contains("malformed regex"), e.getMessage());
  }

  @Test
  void malformedPredicateAndWrongColumnTypeAreClearErrors() {
    String badSql = """
        layer: silver
        table: t
        checks:
          - {name: broken, type: satisfies, severity: error, predicate: "amount >>= 1"}
        """;
    GateDefinitionException sql = assertThrows(GateDefinitionException.class,
        () -> GateFile.parse("t.yaml", badSql).bind(PAYMENTS));
    assertTrue(sql.getMessage().startsWith("t.yaml:4:65: ") && sql.getMessage().contains("not a valid SQL"), sql.getMessage());
    String minOnString = """
        layer: silver
        table: t
        checks:
          - {name: status_min, type: min, severity: error, column: status, value: 1}
        """;
    GateDefinitionException type = assertThrows(GateDefinitionException.class,
        () -> GateFile.parse("t.yaml", minOnString).bind(PAYMENTS));
    assertTrue(type.getMessage().startsWith("t.yaml:4:"), type.getMessage());
    assertTrue(type.getMessage().contains("is string"), type.getMessage());
  }

  @Test
  void missingOptionBadSeverityAndBadDurationAreClearErrors() {
    assertMessage("""
        layer: l
        table: t
        checks:
          - {name: m, type: max, severity: error, column: amount}
        """, "t.yaml:4:5: ", "needs option 'value'");
    assertMessage("""
        layer: l
        table: t
        checks:
          - {name: m, type: row_count, severity: fatal}
        """, "t.yaml:4:42: ", "severity must be error or warning");
    GateDefinitionException e = assertThrows(GateDefinitionException.class, () -> GateFile.parse("t.yaml", """
        layer: l
        table: t
        checks:
          - {name: f, type: freshness, severity: error, column: paid_at, max_age: 8 days}
        """).bind(PAYMENTS));
    assertTrue(e.getMessage().startsWith("t.yaml:4:") && e.getMessage().contains("ISO-8601 duration"), e.getMessage());
  }

  @Test
  void aGateFileMustSitAtItsLayerAndTable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("silver"));
    java.nio.file.Files.writeString(dir.resolve("silver/silver_orders.yaml"),
        "layer: silver\ntable: silver_payments\nchecks: []\n");
    GateDefinitionException e = assertThrows(GateDefinitionException.class, () -> GateCatalog.load(dir));
    assertTrue(e.getMessage().contains("silver_orders.yaml:1:1: declares silver/silver_payments"), e.getMessage());
  }

  private static void assertMessage(String yaml, String prefix, String text) {
    GateDefinitionException e = assertThrows(GateDefinitionException.class, () -> GateFile.parse("t.yaml", yaml));
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
