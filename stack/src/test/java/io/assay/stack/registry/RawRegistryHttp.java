package io.assay.stack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP against the registry, for what the client has no call for and for malformed requests. */
final class RawRegistryHttp {

  record Reply(int status, String contentType, JsonNode body) {
    int errorCode() {
      return body.path("error_code").asInt();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RawRegistryHttp(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  Reply post(String path, Object body) throws IOException, InterruptedException {
    return send("POST", path, JSON.writeValueAsString(body));
  }

  static Map<String, String> schemaBody(String schemaJson) {
    return Map.of("schema", schemaJson);
  }

  /** {@code body} is sent verbatim, so tests can send broken JSON. */
  Reply send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
        JSON.readTree(response.body()));
  }
}
