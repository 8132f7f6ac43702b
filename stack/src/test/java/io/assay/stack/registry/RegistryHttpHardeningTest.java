package io.assay.stack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.assay.schemas.registry.RegistrySettings;
import io.assay.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, malformed requests and auth: every answer is Confluent's JSON, whatever the client sends. */
class RegistryHttpHardeningTest {
  private static final int TWO_MIB = 2 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

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
  void aTwoMebibyteBodyIs413WithAJsonErrorAndTheRegistryKeepsServing() throws Exception {
    String big = "{\"schema\": \"" + "x".repeat(TWO_MIB) + "\"}";
    RawRegistryHttp.Reply reply = raw.send("POST", "/subjects/orders-value/versions", big);

    assertEquals(413, reply.status());
    assertEquals(413, reply.errorCode());
    assertEquals("application/vnd.schemaregistry.v1+json", reply.contentType());
    assertTrue(reply.body().path("message").asText().contains("exceeds the limit of 1048576 bytes"), reply.body().toString());
    assertEquals(200, raw.get("/subjects").status(), "the registry answers the next request");
  }

  @Test
  void aChunkedBodyOverTheLimitIs413Too() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    byte[] big = new byte[TWO_MIB];
    HttpRequest request = HttpRequest.newBuilder(server.url().resolve("/subjects/orders-value/versions"))
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))) // unknown length: chunked
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(413, response.statusCode());
    assertEquals(413, JSON.readTree(response.body()).path("error_code").asInt());
  }

  @Test
  void theLimitIsConfigurable() throws Exception {
    server.close();
    server = SchemaRegistryServer.start(0, dataDir, new RegistryServerOptions("127.0.0.1", 4096, Optional.empty()));
    raw = new RawRegistryHttp(server.url());

    assertEquals(413, raw.send("POST", "/subjects/orders-value/versions", "{\"schema\": \"" + "x".repeat(5000) + "\"}").status());
    assertEquals(200, raw.post("/subjects/orders-value/versions", RawRegistryHttp.schemaBody(OrderSchemas.V1_JSON)).status());
  }

  @Test
  void malformedPercentEncodingIs400WithAJsonError() throws Exception {
    RawRegistryHttp.Reply reply = raw.socket("GET /subjects/%zz/versions HTTP/1.1\r\nHost: localhost\r\n\r\n", new byte[0]);

    assertEquals(400, reply.status());
    assertEquals(400, reply.errorCode());
    assertEquals("application/vnd.schemaregistry.v1+json", reply.contentType());
    assertTrue(reply.body().path("message").asText().startsWith("Malformed request URI"), reply.body().toString());
  }

  @Test
  void brokenFramingIsAnsweredInJson() throws Exception {
    assertJsonError(400, raw.socket("NONSENSE\r\n\r\n", new byte[0]));
    assertJsonError(400, raw.socket("POST /subjects/a/versions HTTP/1.1\r\nContent-Length: ten\r\n\r\n", new byte[0]));
    assertJsonError(501, raw.socket("POST /subjects/a/versions HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", new byte[0]));
    assertJsonError(431, raw.socket("GET /subjects HTTP/1.1\r\nX-Long: " + "y".repeat(20_000) + "\r\n\r\n", new byte[0]));
    assertJsonError(414, raw.socket("GET /" + "z".repeat(20_000) + " HTTP/1.1\r\n\r\n", new byte[0]));
    assertJsonError(413, raw.socket("POST /subjects/a/versions HTTP/1.1\r\nContent-Length: " + TWO_MIB + "\r\n\r\n", new byte[TWO_MIB]));
  }

  private static void assertJsonError(int status, RawRegistryHttp.Reply reply) {
    assertEquals(status, reply.status(), reply.body().toString());
    assertEquals(status, reply.errorCode(), reply.body().toString());
    assertTrue(reply.body().path("message").isTextual(), reply.body().toString());
  }

  @Test
  void subjectsAndVersionsOfASchemaIdAreListedAsConfluentDoes() throws Exception {
    int id = raw.post("/subjects/orders-value/versions", RawRegistryHttp.schemaBody(OrderSchemas.V1_JSON)).body().path("id").asInt();
    raw.post("/subjects/orders-archive-value/versions", RawRegistryHttp.schemaBody(OrderSchemas.V1_JSON));

    RawRegistryHttp.Reply subjects = raw.get("/schemas/ids/" + id + "/subjects");
    assertEquals(200, subjects.status());
    assertEquals(JSON.readTree("[\"orders-archive-value\", \"orders-value\"]"), subjects.body());
    RawRegistryHttp.Reply versions = raw.get("/schemas/ids/" + id + "/versions");
    assertEquals(200, versions.status());
    assertEquals(2, versions.body().size());
    assertEquals(1, versions.body().get(0).path("version").asInt());
    assertTrue(versions.body().get(0).path("subject").asText().startsWith("orders"));

    // Confluent's Python client always sends these parameters.
    assertEquals(JSON.readTree("[\"orders-value\"]"),
        raw.get("/schemas/ids/" + id + "/subjects?subject=orders-value&offset=0&limit=-1").body());
    assertEquals(JSON.readTree("[\"orders-value\"]"), raw.get("/schemas/ids/" + id + "/subjects?offset=1&limit=5").body());
    assertEquals(1, raw.get("/schemas/ids/" + id + "/versions?offset=0&limit=1").body().size());

    RawRegistryHttp.Reply unknown = raw.get("/schemas/ids/999/subjects");
    assertEquals(404, unknown.status());
    assertEquals(40403, unknown.errorCode());
  }

  @Test
  void withCredentialsEveryRequestNeedsBasicAuth() throws Exception {
    server.close();
    server = SchemaRegistryServer.start(0, dataDir,
        new RegistryServerOptions("127.0.0.1", RegistryServerOptions.DEFAULT_MAX_REQUEST_BYTES,
            Optional.of(new RegistryCredentials("key", "secret"))));
    raw = new RawRegistryHttp(server.url());

    RawRegistryHttp.Reply anonymous = raw.get("/subjects");
    assertEquals(401, anonymous.status());
    assertEquals(401, anonymous.errorCode());
    String wrong = "Basic " + Base64.getEncoder().encodeToString("key:guess".getBytes(StandardCharsets.UTF_8));
    assertEquals(401, raw.socket("GET /subjects HTTP/1.1\r\nAuthorization: " + wrong + "\r\n\r\n", new byte[0]).status());

    SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(server.url().toString()).withBasicAuth("key", "secret"));
    client.register("orders-value", OrderSchemas.V1);
    assertEquals(List.of("orders-value"), client.subjects());
  }

  @Test
  void listeningBeyondLoopbackRequiresCredentials() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new RegistryServerOptions("0.0.0.0", RegistryServerOptions.DEFAULT_MAX_REQUEST_BYTES, Optional.empty()));
    assertTrue(refused.getMessage().contains("ASSAY_REGISTRY_API_KEY"), refused.getMessage());

    server.close();
    server = SchemaRegistryServer.start(0, dataDir, new RegistryServerOptions("0.0.0.0",
        RegistryServerOptions.DEFAULT_MAX_REQUEST_BYTES, Optional.of(new RegistryCredentials("key", "secret"))));
    SchemaRegistryClient client = new SchemaRegistryClient(
        RegistrySettings.of(URI.create("http://127.0.0.1:" + server.port()).toString()).withBasicAuth("key", "secret"));
    assertEquals(List.of(), client.subjects());
  }
}
