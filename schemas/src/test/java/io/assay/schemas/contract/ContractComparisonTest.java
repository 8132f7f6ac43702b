package io.assay.schemas.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assay.schemas.contract.ContractChange.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractComparisonTest {
  private static final String SCHEMA = """
      {"type":"record","name":"Reading","namespace":"t","fields":[
        {"name":"id","type":"string"},
        {"name":"at","type":"string"},
        {"name":"kind","type":["null","string"],"default":null},
        {"name":"value","type":"int"}]}""";

  private static ContractCatalog catalog(String eventTime, String fields) {
    return ContractCatalog.fromFiles(Map.of("sensors.avsc", SCHEMA, "sensors.contract.yaml", """
        topic: sensors
        schema: sensors.avsc
        key: id
        event_time: {field: at, %s}
        fields:
          id: {required: true, type: string}
          at: {required: true, type: string, format: iso8601}
        """.formatted(eventTime) + fields));
  }

  private static final ContractCatalog IN_FORCE = catalog("max_future: PT5M, max_age: P7D",
      "  value: {required: true, type: int, min: 0, max: 100}\n  kind: {required: true, type: string, allowed: [a, b]}\n");

  private static List<ContractChange> against(ContractCatalog proposed) {
    return ContractComparison.compare(IN_FORCE, proposed);
  }

  @Test
  void identicalContractsHaveNoChanges() {
    assertEquals(List.of(), against(catalog("max_future: PT5M, max_age: P7D",
        "  value: {required: true, type: int, min: 0.0, max: 100}\n  kind: {required: true, type: string, allowed: [b, a]}\n")));
  }

  @Test
  void boundsAndValueSetsAreClassifiedByWhatTheyAccept() {
    List<ContractChange> changes = against(catalog("max_future: PT5M, max_age: P7D",
        "  value: {required: true, type: int, min: 1, max: 200}\n  kind: {required: true, type: string, allowed: [a, b, c]}\n"));
    assertEquals(List.of(
        new ContractChange("sensors", "value", "min", "value >= 0", "value >= 1", Direction.TIGHTENING),
        new ContractChange("sensors", "value", "max", "value <= 100", "value <= 200", Direction.RELAXING),
        new ContractChange("sensors", "kind", "allowed", "kind in [a, b]", "kind in [a, b, c]", Direction.RELAXING)), changes);
  }

  @Test
  void requiredFlagsRulesAddedOrDroppedAndWindowsAreClassified() {
    List<ContractChange> changes = against(catalog("max_future: PT5M, max_age: P30D",
        "  value: {required: true, type: int, min: 0}\n  kind: {required: false, type: string, allowed: [a], pattern: '^[a-z]$'}\n"));
    assertEquals(Direction.RELAXING, find(changes, "at", "event_time").direction());
    assertEquals(Direction.RELAXING, find(changes, "value", "max").direction());
    assertEquals("", find(changes, "value", "max").after());
    assertEquals(Direction.RELAXING, find(changes, "kind", "required").direction());
    assertEquals(Direction.TIGHTENING, find(changes, "kind", "allowed").direction());
    assertEquals(Direction.TIGHTENING, find(changes, "kind", "pattern").direction());
    assertEquals(5, changes.size(), changes.toString());
  }

  @Test
  void aValueSetThatBothAddsAndDropsIsAChange() {
    List<ContractChange> changes = against(catalog("max_future: PT1M, max_age: P30D",
        "  value: {required: true, type: int, min: 0, max: 100}\n  kind: {required: true, type: string, allowed: [a, c]}\n"));
    assertEquals(Direction.CHANGED, find(changes, "kind", "allowed").direction());
    assertEquals(Direction.CHANGED, find(changes, "at", "event_time").direction(), "shorter future, longer past");
  }

  @Test
  void recordRulesAddedDroppedOrRewrittenAreClassifiedByName() {
    String fields = "  value: {required: true, type: int, min: 0, max: 100}\n  kind: {required: true, type: string, allowed: [a, b]}\n";
    ContractCatalog before = catalog("max_future: PT5M, max_age: P7D", fields + """
        record_rules:
          - {name: small_a, category: VALUE_OUT_OF_RANGE, predicate: "kind <> 'a' OR value < 50", message: an a is small}
          - {name: big_b, category: VALUE_OUT_OF_RANGE, predicate: "kind <> 'b' OR value > 10", message: a b is big}
        """);
    ContractCatalog after = catalog("max_future: PT5M, max_age: P7D", fields + """
        record_rules:
          - {name: small_a, category: VALUE_OUT_OF_RANGE, predicate: "kind <> 'a' OR value < 60", message: an a is small}
          - {name: no_zero, category: VALUE_OUT_OF_RANGE, predicate: "value <> 0", message: zero is a sensor fault}
        """);
    List<ContractChange> changes = ContractComparison.compare(before, after);
    assertEquals(Direction.CHANGED, find(changes, "small_a", "record_rule").direction());
    assertEquals(Direction.RELAXING, find(changes, "big_b", "record_rule").direction());
    assertEquals("", find(changes, "big_b", "record_rule").after());
    assertEquals(Direction.TIGHTENING, find(changes, "no_zero", "record_rule").direction());
    assertEquals(3, changes.size(), changes.toString());
    assertEquals(List.of(), ContractComparison.compare(before, before));
  }

  private static ContractChange find(List<ContractChange> changes, String field, String rule) {
    return changes.stream().filter(c -> c.field().equals(field) && c.rule().equals(rule)).findFirst()
        .orElseThrow(() -> new AssertionError("no change of " + field + " " + rule + " in " + changes));
  }
}
