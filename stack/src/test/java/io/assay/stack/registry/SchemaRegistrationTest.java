package io.assay.stack.registry;

import static io.assay.stack.registry.OrderSchemas.V1;
import static io.assay.stack.registry.OrderSchemas.V1_JSON;
import static io.assay.stack.registry.OrderSchemas.WITH_OPTIONAL_CURRENCY;
import static io.assay.stack.registry.OrderSchemas.WITH_REQUIRED_CURRENCY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.schemas.registry.RegisteredSchema;
import io.assay.schemas.registry.RegistryException;
import io.assay.schemas.registry.RegistrySettings;
import io.assay.schemas.registry.SchemaRegistryClient;
import io.assay.schemas.registry.UnknownSchemaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistrationTest {

  private static final String SUBJECT = "orders-value";

  @TempDir Path dataDir;
  private SchemaRegistryServer server;
  private SchemaRegistryClient client;
  private RawRegistryHttp raw;

  @BeforeEach
  void startRegistry() {
    server = SchemaRegistryServer.start(0, dataDir);
    client = freshClient();
    raw = new RawRegistryHttp(server.url());
  }

  @AfterEach
  void stopRegistry() {
    server.close();
  }

  /** The client caches ids, so server behaviour is checked through a client that has seen nothing. */
  private SchemaRegistryClient freshClient() {
    return new SchemaRegistryClient(RegistrySettings.of(server.url().toString()));
  }

  @Test
  void registersAndFetchesByIdSubjectVersionAndLatest() {
    int id = client.register(SUBJECT, V1);

    assertEquals(1, id);
    SchemaRegistryClient other = freshClient();
    assertEquals(V1, other.schemaById(id));
    assertEquals(new RegisteredSchema(SUBJECT, id, 1, V1), other.version(SUBJECT, 1));
    assertEquals(new RegisteredSchema(SUBJECT, id, 1, V1), other.latest(SUBJECT));
    assertEquals(List.of(1), other.versions(SUBJECT));
    assertEquals(List.of(SUBJECT), other.subjects());
  }

  @Test
  void reRegisteringAnIdenticalSchemaReturnsTheSameIdAndNoNewVersion() throws Exception {
    int first = client.register(SUBJECT, V1);
    int again = freshClient().register(SUBJECT, V1);
    String reformatted = V1_JSON.replace("\n", " ").replace(": ", ":    ");
    int viaReformattedText = raw.post("/subjects/" + SUBJECT + "/versions", RawRegistryHttp.schemaBody(reformatted))
        .body().path("id").asInt();

    assertEquals(first, again);
    assertEquals(first, viaReformattedText);
    assertEquals(List.of(1), client.versions(SUBJECT));
  }

  @Test
  void theSameSchemaUnderAnotherSubjectReusesItsId() {
    int orders = client.register(SUBJECT, V1);
    int archive = client.register("orders-archive-value", V1);

    assertEquals(orders, archive);
    assertEquals(1, client.latest("orders-archive-value").version());
  }

  @Test
  void schemasDifferingOnlyInADefaultGetDifferentIds() {
    int eur = client.register(SUBJECT, OrderSchemas.withCurrencyDefault("EUR"));
    int usd = client.register(SUBJECT, OrderSchemas.withCurrencyDefault("USD"));

    assertNotEquals(eur, usd);
    assertEquals("USD", client.schemaById(usd).getField("currency").defaultVal());
  }

  @Test
  void compatibleEvolutionWithAnOptionalFieldBecomesVersionTwoWithANewId() {
    int first = client.register(SUBJECT, V1);
    int second = client.register(SUBJECT, WITH_OPTIONAL_CURRENCY);

    assertNotEquals(first, second);
    assertEquals(new RegisteredSchema(SUBJECT, second, 2, WITH_OPTIONAL_CURRENCY), freshClient().latest(SUBJECT));
    assertEquals(List.of(1, 2), client.versions(SUBJECT));
  }

  @Test
  void addingARequiredFieldIsRejectedAsBackwardIncompatibleWith409() {
    client.register(SUBJECT, V1);

    RegistryException rejected = assertThrows(RegistryException.class,
        () -> client.register(SUBJECT, WITH_REQUIRED_CURRENCY));

    assertEquals(409, rejected.errorCode());
    assertEquals(409, rejected.httpStatus());
    assertTrue(rejected.getMessage().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), rejected.getMessage());
    assertTrue(rejected.getMessage().contains("currency"), rejected.getMessage());
    assertEquals(List.of(1), client.versions(SUBJECT));
  }

  @Test
  void anUnknownIdRaisesUnknownSchemaException() {
    UnknownSchemaException missing = assertThrows(UnknownSchemaException.class, () -> client.schemaById(42));

    assertEquals(40403, missing.errorCode());
    assertEquals(404, missing.httpStatus());
  }

  @Test
  void anUnknownSubjectIs40401() {
    RegistryException latest = assertThrows(RegistryException.class, () -> client.latest("nobody-value"));
    RegistryException versions = assertThrows(RegistryException.class, () -> client.versions("nobody-value"));

    assertEquals(40401, latest.errorCode());
    assertEquals(40401, versions.errorCode());
    assertEquals(404, latest.httpStatus());
  }

  @Test
  void anUnknownVersionIs40402() {
    client.register(SUBJECT, V1);

    RegistryException missing = assertThrows(RegistryException.class, () -> client.version(SUBJECT, 7));

    assertEquals(40402, missing.errorCode());
  }

  @Test
  void anInvalidSchemaIsRejectedWith42201() throws Exception {
    String recordWithoutFields = "{\"type\": \"record\", \"name\": \"Broken\"}";

    RawRegistryHttp.Reply broken = raw.post("/subjects/" + SUBJECT + "/versions",
        RawRegistryHttp.schemaBody(recordWithoutFields));
    RawRegistryHttp.Reply notJson = raw.post("/subjects/" + SUBJECT + "/versions",
        RawRegistryHttp.schemaBody("{not json"));
    RawRegistryHttp.Reply noSchemaField = raw.post("/subjects/" + SUBJECT + "/versions", Map.of("schem", V1_JSON));

    for (RawRegistryHttp.Reply reply : List.of(broken, notJson, noSchemaField)) {
      assertEquals(422, reply.status(), reply.body().toString());
      assertEquals(42201, reply.errorCode(), reply.body().toString());
    }
    assertThrows(RegistryException.class, () -> client.versions(SUBJECT), "nothing should have been registered");
  }

  @Test
  void subjectNamesAreDecodedFromThePath() {
    String awkward = "orders/eu + us value";

    int id = client.register(awkward, V1);

    assertEquals(List.of(awkward), client.subjects());
    assertEquals(id, client.latest(awkward).id());
  }

  @Test
  void lookupFindsARegisteredSchemaAndReports40403ForAnother() throws Exception {
    int id = client.register(SUBJECT, V1);

    RawRegistryHttp.Reply found = raw.post("/subjects/" + SUBJECT, RawRegistryHttp.schemaBody(V1.toString()));
    RawRegistryHttp.Reply notFound = raw.post("/subjects/" + SUBJECT,
        RawRegistryHttp.schemaBody(WITH_OPTIONAL_CURRENCY.toString()));

    assertEquals(200, found.status());
    assertEquals(id, found.body().path("id").asInt());
    assertEquals(1, found.body().path("version").asInt());
    assertEquals(40403, notFound.errorCode());
  }

  @Test
  void anIdListsTheSubjectVersionsUsingIt() throws Exception {
    int id = client.register(SUBJECT, V1);
    client.register("orders-archive-value", V1);

    RawRegistryHttp.Reply usages = raw.get("/schemas/ids/" + id + "/versions");

    assertEquals(200, usages.status());
    assertEquals(2, usages.body().size());
    assertEquals("orders-archive-value", usages.body().get(0).path("subject").asText());
  }
}
