package io.assay.stack.registry;

import static io.assay.stack.registry.OrderSchemas.V1;
import static io.assay.stack.registry.OrderSchemas.WITHOUT_AMOUNT;
import static io.assay.stack.registry.OrderSchemas.WITH_OPTIONAL_CURRENCY;
import static io.assay.stack.registry.OrderSchemas.WITH_REQUIRED_CURRENCY;
import static io.assay.stack.registry.OrderSchemas.WITH_TEXT_AMOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.schemas.registry.RegistryException;
import io.assay.schemas.registry.RegistrySettings;
import io.assay.schemas.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityConfigTest {

  private static final String SUBJECT = "orders-value";

  @TempDir Path dataDir;
  private SchemaRegistryServer server;
  private SchemaRegistryClient client;
  private RawRegistryHttp raw;

  @BeforeEach
  void startRegistry() {
    server = SchemaRegistryServer.start(0, dataDir);
    client = new SchemaRegistryClient(RegistrySettings.of(server.url().toString()));
    raw = new RawRegistryHttp(server.url());
  }

  @AfterEach
  void stopRegistry() {
    server.close();
  }

  @Test
  void compatibilityCheckAcceptsAnOptionalFieldAndRefusesARequiredOne() {
    client.register(SUBJECT, V1);

    assertTrue(client.isCompatible(SUBJECT, WITH_OPTIONAL_CURRENCY));
    assertFalse(client.isCompatible(SUBJECT, WITH_REQUIRED_CURRENCY));
  }

  @Test
  void verboseCompatibilityCheckExplainsTheProblem() throws Exception {
    client.register(SUBJECT, V1);

    RawRegistryHttp.Reply reply = raw.post("/compatibility/subjects/" + SUBJECT + "/versions/1?verbose=true",
        RawRegistryHttp.schemaBody(WITH_REQUIRED_CURRENCY.toString()));

    assertFalse(reply.body().path("is_compatible").asBoolean(true));
    assertTrue(reply.body().path("messages").get(0).asText().contains("currency"), reply.body().toString());
  }

  @Test
  void compatibilityCheckAgainstAnUnknownSubjectIs40401() {
    RegistryException missing = assertThrows(RegistryException.class,
        () -> client.isCompatible("nobody-value", V1));

    assertEquals(40401, missing.errorCode());
    assertEquals(404, missing.httpStatus());
  }

  @Test
  void defaultGlobalCompatibilityIsBackward() {
    assertEquals("BACKWARD", client.compatibility(Optional.empty()));
    assertEquals("BACKWARD", client.compatibility(Optional.of(SUBJECT)));
  }

  @Test
  void globalAndSubjectLevelsAreSetAndReadSeparately() {
    client.setCompatibility(Optional.empty(), "FULL");
    client.setCompatibility(Optional.of(SUBJECT), "none");

    assertEquals("FULL", client.compatibility(Optional.empty()));
    assertEquals("NONE", client.compatibility(Optional.of(SUBJECT)));
    assertEquals("FULL", client.compatibility(Optional.of("payments-value")));
  }

  @Test
  void subjectConfigWithoutDefaultToGlobalIs40408UntilSet() throws Exception {
    RawRegistryHttp.Reply unset = raw.get("/config/" + SUBJECT);
    client.setCompatibility(Optional.of(SUBJECT), "FORWARD");
    RawRegistryHttp.Reply set = raw.get("/config/" + SUBJECT);

    assertEquals(404, unset.status());
    assertEquals(40408, unset.errorCode());
    assertEquals("FORWARD", set.body().path("compatibilityLevel").asText());
  }

  @Test
  void putConfigEchoesTheLevel() throws Exception {
    RawRegistryHttp.Reply reply = raw.send("PUT", "/config", "{\"compatibility\": \"FULL_TRANSITIVE\"}");

    assertEquals(200, reply.status());
    assertEquals("FULL_TRANSITIVE", reply.body().path("compatibility").asText());
  }

  @Test
  void anInvalidLevelIsRejectedWith42203() {
    RegistryException global = assertThrows(RegistryException.class,
        () -> client.setCompatibility(Optional.empty(), "SOMETIMES"));
    RegistryException subject = assertThrows(RegistryException.class,
        () -> client.setCompatibility(Optional.of(SUBJECT), ""));

    assertEquals(42203, global.errorCode());
    assertEquals(422, global.httpStatus());
    assertEquals(42203, subject.errorCode());
    assertEquals("BACKWARD", client.compatibility(Optional.empty()));
  }

  @Test
  void levelNoneOnTheSubjectAllowsAnIncompatibleChange() {
    client.register(SUBJECT, V1);
    client.setCompatibility(Optional.of(SUBJECT), "NONE");

    client.register(SUBJECT, WITH_REQUIRED_CURRENCY);

    assertEquals(2, client.latest(SUBJECT).version());
  }

  @Test
  void forwardChecksThatOldReadersCanReadNewData() {
    client.setCompatibility(Optional.of(SUBJECT), "FORWARD");
    client.register(SUBJECT, V1);

    client.register(SUBJECT, WITH_REQUIRED_CURRENCY);
    RegistryException dropped = assertThrows(RegistryException.class,
        () -> client.register(SUBJECT, WITHOUT_AMOUNT));

    assertEquals(409, dropped.errorCode());
    assertTrue(dropped.getMessage().contains("amount"), dropped.getMessage());
  }

  @Test
  void transitiveLevelsCheckEveryEarlierVersionNotJustTheLatest() {
    String plain = "plain-value";
    String transitive = "transitive-value";
    client.setCompatibility(Optional.of(transitive), "BACKWARD_TRANSITIVE");
    for (String subject : new String[] {plain, transitive}) {
      client.register(subject, V1);
      client.register(subject, WITHOUT_AMOUNT);
    }

    client.register(plain, WITH_TEXT_AMOUNT);
    RegistryException rejected = assertThrows(RegistryException.class,
        () -> client.register(transitive, WITH_TEXT_AMOUNT));

    assertEquals(3, client.latest(plain).version());
    assertEquals(409, rejected.errorCode());
    assertTrue(rejected.getMessage().contains("version 1"), rejected.getMessage());
  }
}
