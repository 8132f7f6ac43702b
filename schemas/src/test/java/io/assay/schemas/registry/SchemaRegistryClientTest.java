package io.assay.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

  private static final Schema ORDER = new Schema.Parser().parse("""
      {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}]}""");

  private RecordingRegistry registry;

  @BeforeEach
  void startStandIn() throws Exception {
    registry = new RecordingRegistry();
  }

  @AfterEach
  void stopStandIn() {
    registry.close();
  }

  @Test
  void sendsABasicAuthHeaderWhenCredentialsAreSet() {
    registry.answering(200, "[\"orders-value\"]");
    RegistrySettings settings = RegistrySettings.of(registry.url()).withBasicAuth("API_KEY", "s3cret:with-colon");

    List<String> subjects = new SchemaRegistryClient(settings).subjects();

    String expected = "Basic " + Base64.getEncoder().encodeToString("API_KEY:s3cret:with-colon".getBytes());
    assertEquals(List.of("orders-value"), subjects);
    assertEquals(Optional.of(expected), registry.received().get(0).authorization());
  }

  @Test
  void sendsNoAuthHeaderWithoutCredentials() {
    registry.answering(200, "[]");

    new SchemaRegistryClient(RegistrySettings.of(registry.url())).subjects();

    assertEquals(Optional.empty(), registry.received().get(0).authorization());
  }

  @Test
  void settingsToStringHidesThePassword() {
    RegistrySettings settings = RegistrySettings.of("https://psrc.example.cloud").withBasicAuth("KEY", "TOPSECRET");

    String printed = settings.toString();

    assertFalse(printed.contains("TOPSECRET"), printed);
    assertTrue(printed.contains("KEY") && printed.contains("psrc.example.cloud"), printed);
  }

  @Test
  void settingsNeedBothUserAndPasswordOrNeither() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new RegistrySettings(RegistrySettings.of("http://localhost:8081").url(), Optional.of("KEY"),
            Optional.empty(), RegistrySettings.DEFAULT_TIMEOUT));

    assertTrue(refused.getMessage().contains("both"), refused.getMessage());
  }

  @Test
  void registerSendsConfluentsBodyAndCachesTheId() throws Exception {
    registry.answering(200, "{\"id\": 7}");
    SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(registry.url()));

    int first = client.register("orders/eu-value", ORDER);
    int second = client.register("orders/eu-value", ORDER);

    assertEquals(7, first);
    assertEquals(7, second);
    assertEquals(1, registry.received().size(), "the second register should come from the cache");
    RecordingRegistry.Received sent = registry.received().get(0);
    assertEquals("POST", sent.method());
    assertEquals("/subjects/orders%2Feu-value/versions", sent.rawPath());
    assertEquals(ORDER.toString(), new ObjectMapper().readTree(sent.body()).path("schema").asText());
    assertEquals(ORDER, client.schemaById(7), "a registered schema is known by its id without asking");
    assertEquals(1, registry.received().size());
  }

  @Test
  void schemaByIdIsAskedOnceThenCached() {
    registry.answering(200, "{\"schema\": " + quoted(ORDER.toString()) + "}");
    SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(registry.url()));

    Schema first = client.schemaById(3);
    Schema second = client.schemaById(3);

    assertEquals(ORDER, first);
    assertEquals(first, second);
    assertEquals(1, registry.received().size());
  }

  @Test
  void aConfluentErrorBodyBecomesARegistryExceptionWithItsCode() {
    registry.answering(409, "{\"error_code\": 409, \"message\": \"Schema being registered is incompatible\"}");
    SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(registry.url()));

    RegistryException refused = assertThrows(RegistryException.class, () -> client.register("orders-value", ORDER));

    assertEquals(409, refused.errorCode());
    assertEquals(409, refused.httpStatus());
    assertTrue(refused.getMessage().contains("Schema being registered is incompatible"), refused.getMessage());
  }

  @Test
  void errorCode40403BecomesUnknownSchemaException() {
    registry.answering(404, "{\"error_code\": 40403, \"message\": \"Schema 9 not found\"}");
    SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(registry.url()));

    UnknownSchemaException missing = assertThrows(UnknownSchemaException.class, () -> client.schemaById(9));

    assertEquals(40403, missing.errorCode());
  }

  @Test
  void aServerErrorIsReportedAsUnavailable() {
    registry.answering(500, "{\"error_code\": 50001, \"message\": \"Error in the backend data store\"}");
    SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(registry.url()));

    RegistryUnavailableException failed = assertThrows(RegistryUnavailableException.class, client::subjects);

    assertTrue(failed.getMessage().contains("HTTP 500"), failed.getMessage());
    assertTrue(failed.getMessage().contains("backend data store"), failed.getMessage());
  }

  @Test
  void aClosedPortIsReportedAsUnavailableNamingTheUrl() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://localhost:" + closedPort;
    SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(url));

    RegistryUnavailableException failed = assertThrows(RegistryUnavailableException.class,
        () -> client.latest("orders-value"));

    assertTrue(failed.getMessage().contains(url), failed.getMessage());
    assertTrue(failed.getMessage().contains("check that it is running"), failed.getMessage());
  }

  @Test
  void compatibilityAsksWithDefaultToGlobal() {
    registry.answering(200, "{\"compatibilityLevel\": \"FULL\"}");
    SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(registry.url()));

    String level = client.compatibility(Optional.of("orders-value"));

    assertEquals("FULL", level);
    assertEquals("/config/orders-value", registry.received().get(0).rawPath());
    assertEquals("defaultToGlobal=true", registry.received().get(0).rawQuery());
  }

  private static String quoted(String text) {
    try {
      return new ObjectMapper().writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
