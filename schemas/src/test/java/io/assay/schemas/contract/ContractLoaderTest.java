package io.assay.schemas.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractLoaderTest {
  private static final String SCHEMA = """
      {"type":"record","name":"Reading","namespace":"t","fields":[
        {"name":"id","type":"string"},
        {"name":"at","type":"string"},
        {"name":"value","type":"int"},
        {"name":"limit","type":["null",{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}],"default":null}]}""";

  private static Contract load(String yaml) {
    return ContractLoader.load("sensors.contract.yaml", yaml, name -> {
      if (!name.equals("sensors.avsc")) {
        throw new IllegalStateException("no file " + name);
      }
      return SCHEMA;
    });
  }

  private static String contractWith(String fieldLines) {
    return """
        topic: sensors
        schema: sensors.avsc
        key: id
        event_time: {field: at, max_future: PT1M, max_age: P1D}
        fields:
          id: {required: true, type: string}
          at: {required: true, type: string, format: iso8601}
        """ + fieldLines;
  }

  private static String failure(String yaml) {
    return assertThrows(ContractDefinitionException.class, () -> load(yaml)).getMessage();
  }

  @Test
  void loadsTheFourShippedContracts() {
    ContractCatalog catalog = ContractCatalog.fromClasspath();
    assertEquals(List.of("clickstream", "orders", "payments", "weather"), catalog.topics());
    assertEquals("payments-value", catalog.forTopic("payments").subject());
    assertEquals("total_amount", catalog.forTopic("orders").amountField().orElseThrow());
  }

  @Test
  void aFifthEventTypeIsJustTwoFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("sensors.avsc"), SCHEMA);
    Files.writeString(dir.resolve("sensors.contract.yaml"), contractWith("  value: {required: true, type: int, min: 0}\n"));
    ContractCatalog catalog = ContractCatalog.fromDirectory(dir);
    assertEquals(List.of("sensors"), catalog.topics());
    assertEquals(3, catalog.forTopic("sensors").fields().size());
  }

  @Test
  void unknownRuleKeyNamesFileFieldAndKey() {
    String message = failure(contractWith("  value: {required: true, type: int, minimum: 0}\n"));
    assertTrue(message.startsWith("sensors.contract.yaml: field 'value': unknown key 'minimum'"), message);
  }

  @Test
  void fieldMissingFromSchemaIsRejected() {
    String message = failure(contractWith("  valeu: {required: true, type: int}\n"));
    assertTrue(message.contains("field 'valeu'") && message.contains("no field 'valeu'"), message);
  }

  @Test
  void declaredTypeMustMatchSchema() {
    String message = failure(contractWith("  value: {required: true, type: string}\n"));
    assertTrue(message.contains("declared type string but the schema has int"), message);
  }

  @Test
  void ruleMustFitTheFieldType() {
    assertTrue(failure(contractWith("  value: {type: int, pattern: '^1$'}\n")).contains("'pattern' applies to string"));
    assertTrue(failure(contractWith("  value: {type: int, allowed: [1]}\n")).contains("'allowed' applies to string"));
    assertTrue(failure(contractWith("  value: {type: int, min_items: 1}\n")).contains("'min_items' applies to array"));
  }

  @Test
  void badPatternFormatTypeAndDurationAreNamed() {
    assertTrue(failure(contractWith("  value: {type: int, min: ten}\n")).contains("'ten' is not a number"));
    assertTrue(failure(contractWith("  value: {type: integer}\n")).contains("unknown type 'integer'"));
    assertTrue(failure(contractWith("  value: {type: int}\n").replace("PT1M", "5 minutes")).contains("event_time.max_future"));
    assertTrue(failure(contractWith("").replace("format: iso8601", "format: iso9999")).contains("unknown format 'iso9999'"));
    assertTrue(failure(contractWith("").replace("format: iso8601", "pattern: '('")).contains("bad pattern"));
  }

  @Test
  void topicMustMatchFileNameAndKeyMustBeDeclared() {
    assertTrue(failure(contractWith("").replace("topic: sensors", "topic: other")).contains("must live in a file named other.contract.yaml"));
    assertTrue(failure(contractWith("").replace("key: id", "key: value")).contains("key 'value' is not one of the declared fields"));
  }

  @Test
  void missingSchemaFileIsNamed() {
    String message = failure(contractWith("").replace("sensors.avsc", "nope.avsc"));
    assertTrue(message.contains("cannot read schema file 'nope.avsc'"), message);
  }

  private static String withRules(String rules) {
    return contractWith("  value: {required: true, type: int}\n  limit: {required: false, type: decimal}\n") + rules;
  }

  @Test
  void loadsRecordRulesWithTheirCategoryMessageAndViolationValues() {
    Contract contract = load(withRules("""
        record_rules:
          - name: value_within_limit
            category: VALUE_OUT_OF_RANGE
            predicate: limit IS NULL OR value <= limit
            message: a reading never exceeds its limit
            violated_by: {value: 7, limit: '0.5'}
        """));
    RecordRule rule = contract.recordRule("value_within_limit").orElseThrow();
    assertEquals(DeadLetterCategory.VALUE_OUT_OF_RANGE, rule.category());
    assertEquals("a reading never exceeds its limit", rule.message());
    assertEquals("limit IS NULL OR value <= limit", rule.predicate().toString());
    assertEquals(7, rule.violatedBy().get("value"));
    assertEquals(new java.math.BigDecimal("0.50"), rule.violatedBy().get("limit"), "decimals at the schema's scale");
  }

  @Test
  void shippedContractsDeclareTheRulesSilverHaltsOn() {
    ContractCatalog catalog = ContractCatalog.fromClasspath();
    assertTrue(catalog.forTopic("payments").recordRule("successes_have_no_reason").isPresent());
    assertTrue(catalog.forTopic("orders").recordRule("line_within_order_total").isPresent());
  }

  @Test
  void predicateErrorsNameFileLineRuleColumnAndProblem() {
    String rules = """
        record_rules:
          - name: fine
            category: VALUE_OUT_OF_RANGE
            predicate: value >= 0
            message: ok
          - name: typo
            category: VALUE_OUT_OF_RANGE
            message: broken
            predicate: valeu >= 0 AND value < 10
        """;
    String message = failure(withRules(rules));
    assertTrue(message.startsWith("sensors.contract.yaml:18: record rule 'typo': unknown field 'valeu' (fields: id, at, value, limit) at column 1 of: valeu >= 0"), message);
    assertTrue(failure(withRules(rules.replace("valeu >= 0", "value >= 'zero'")))
        .startsWith("sensors.contract.yaml:18: record rule 'typo': cannot compare an integer with a string at column 7"));
    assertTrue(failure(withRules(rules.replace("valeu >= 0 AND", "value >= 0 AND AND")))
        .startsWith("sensors.contract.yaml:18: record rule 'typo': expected a field, a literal or '(' but found 'AND' at column 16"));
  }

  @Test
  void recordRuleShapeErrorsNameFileAndLine() {
    String rule = """
        record_rules:
          - name: ok_rule
            category: VALUE_OUT_OF_RANGE
            predicate: value >= 0
            message: fine
        """;
    assertTrue(failure(withRules(rule.replace("VALUE_OUT_OF_RANGE", "DESERIALIZATION_ERROR")))
        .startsWith("sensors.contract.yaml:12: record rule 'ok_rule': category 'DESERIALIZATION_ERROR' is not one a rule can produce"));
    assertTrue(failure(withRules(rule.replace("VALUE_OUT_OF_RANGE", "OUT_OF_RANGE"))).contains("category 'OUT_OF_RANGE'"));
    assertTrue(failure(withRules(rule.replace("    message: fine\n", "")))
        .startsWith("sensors.contract.yaml:11: record rule 'ok_rule': 'message' is missing"));
    assertTrue(failure(withRules(rule + "    severity: error\n")).startsWith("sensors.contract.yaml:15: record rule 'ok_rule': unknown key 'severity'"));
    assertTrue(failure(withRules(rule.replace("ok_rule", "Not-Snake"))).contains("must be lower_snake_case"));
    assertTrue(failure(withRules(rule + rule.replace("record_rules:\n", ""))).startsWith("sensors.contract.yaml:15: record rule 'ok_rule' is declared twice"));
    assertTrue(failure(withRules("record_rules: {a: 1}\n")).contains("'record_rules' must be a list"));
    assertTrue(failure(withRules(rule + "    violated_by: {valeu: 1}\n")).contains("violated_by names 'valeu', which is not a declared field"));
    assertTrue(failure(withRules(rule + "    violated_by: {value: ten}\n")).contains("violated_by value 'ten' does not fit value (int)"));
    assertTrue(failure(withRules(rule + "    violated_by: {limit: '0.001'}\n")).contains("violated_by value '0.001' does not fit limit (decimal)"));
  }

  @Test
  void everyDeadLetterCategoryHasAMeaning() {
    assertEquals(7, DeadLetterCategory.values().length);
    for (DeadLetterCategory category : DeadLetterCategory.values()) {
      assertTrue(category.meaning().length() > 20, category::name);
    }
  }
}
