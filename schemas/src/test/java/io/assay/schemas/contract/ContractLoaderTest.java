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
        {"name":"value","type":"int"}]}""";

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

  @Test
  void everyDeadLetterCategoryHasAMeaning() {
    assertEquals(7, DeadLetterCategory.values().length);
    for (DeadLetterCategory category : DeadLetterCategory.values()) {
      assertTrue(category.meaning().length() > 20, category::name);
    }
  }
}
