package io.assay.stack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryProtocolTest {

  @TempDir Path dataDir;
  private SchemaRegistryServer server;
  private RawRegistryHttp raw;

  @BeforeEach
  void startRegistry() {
    server = SchemaRegistryServer.start(0, dataDir);
    raw = new RawRegistryHttp(server.url());
  }

  @AfterEach
  void stopRegistry() {
    server.close();
  }

  @Test
  void anUnknownEndpointIs404WithAnErrorBody() throws Exception {
    RawRegistryHttp.Reply reply = raw.get("/no/such/thing");

    assertEquals(404, reply.status());
    assertEquals(404, reply.errorCode());
    assertTrue(reply.body().path("message").isTextual());
  }

  @Test
  void aWrongMethodIs405WithAnErrorBody() throws Exception {
    RawRegistryHttp.Reply reply = raw.send("DELETE", "/subjects", null);

    assertEquals(405, reply.status());
    assertEquals(405, reply.errorCode());
  }

  @Test
  void aMalformedJsonBodyIs400WithAnErrorBody() throws Exception {
    RawRegistryHttp.Reply reply = raw.send("POST", "/subjects/orders-value/versions", "{\"schema\": ");

    assertEquals(400, reply.status());
    assertEquals(400, reply.errorCode());
    assertTrue(reply.body().path("message").asText().startsWith("Malformed request body"), reply.body().toString());
  }

  @Test
  void anInvalidVersionIs42202() throws Exception {
    RawRegistryHttp.Reply reply = raw.get("/subjects/orders-value/versions/zero");

    assertEquals(422, reply.status());
    assertEquals(42202, reply.errorCode());
  }

  @Test
  void answersUseConfluentsContentType() throws Exception {
    RawRegistryHttp.Reply reply = raw.get("/subjects");

    assertEquals(200, reply.status());
    assertEquals("application/vnd.schemaregistry.v1+json", reply.contentType());
    assertTrue(reply.body().isArray());
  }

  @Test
  void aTakenPortFailsWithAMessageNamingIt() {
    int taken = server.port();

    RegistryPortInUseException refused = assertThrows(RegistryPortInUseException.class,
        () -> SchemaRegistryServer.start(taken, dataDir.resolve("other")));

    assertEquals(taken, refused.port());
    assertTrue(refused.getMessage().startsWith("port " + taken + " is already in use"), refused.getMessage());
    assertTrue(refused.getMessage().contains("ASSAY_REGISTRY_PORT"), refused.getMessage());
  }
}
