package io.assay.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Sends JSON requests to the registry's REST API and turns its answers and failures into our exceptions. */
final class RegistryTransport {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final RegistrySettings settings;
  private final String baseUrl;
  private final Optional<String> authorization;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  RegistryTransport(RegistrySettings settings) {
    this.settings = settings;
    String url = settings.url().toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.authorization = settings.basicAuthUser().map(user -> basicAuth(user, settings.basicAuthPassword().orElseThrow()));
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        // HTTP/1.1 everywhere: the h2c upgrade dance buys nothing for these small requests.
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** Encodes one path segment; subjects may hold characters such as '/' or ' '. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode send(String method, String path, Object body) {
    URI uri = URI.create(baseUrl + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(settings.timeout())
        .header("Accept", CONTENT_TYPE + ", application/json");
    authorization.ifPresent(value -> request.header("Authorization", value));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(toJson(body)));
    }
    HttpResponse<String> response = exchange(method, uri, request.build());
    return interpret(method, uri, response);
  }

  private HttpResponse<String> exchange(String method, URI uri, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new RegistryUnavailableException(uri, "schema registry at " + settings.url() + " did not answer "
          + method + " " + uri.getRawPath() + " within " + settings.timeout()
          + ": check that it is running and reachable, or raise the timeout", e);
    } catch (IOException e) {
      throw new RegistryUnavailableException(uri, "schema registry at " + settings.url() + " is unreachable ("
          + describe(e) + "): check that it is running and that the URL, port and any proxy or firewall are right", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException(uri, "interrupted while waiting for the schema registry at "
          + settings.url(), e);
    }
  }

  private JsonNode interpret(String method, URI uri, HttpResponse<String> response) {
    int status = response.statusCode();
    String where = method + " " + uri;
    if (status >= 500) {
      throw new RegistryUnavailableException(uri, where + " failed with HTTP " + status + " ("
          + errorMessage(response.body()) + "): the registry is up but failing, check its logs and its backing store", null);
    }
    if (status >= 400) {
      throw refusal(where, status, response.body());
    }
    try {
      return json.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new RegistryException(0, status, where + " answered HTTP " + status
          + " with a body that is not JSON: check that " + settings.url() + " points at a schema registry");
    }
  }

  private RegistryException refusal(String where, int status, String body) {
    JsonNode error = parseQuietly(body);
    int errorCode = error.path("error_code").asInt(status);
    String message = where + " failed with HTTP " + status + ", error_code " + errorCode + ": "
        + errorMessage(body) + hint(errorCode, status);
    return errorCode == UnknownSchemaException.ERROR_CODE
        ? new UnknownSchemaException(status, message)
        : new RegistryException(errorCode, status, message);
  }

  private static String hint(int errorCode, int status) {
    if (status == 401 || status == 403) {
      return " (check the registry API key and secret, i.e. basicAuthUser and basicAuthPassword)";
    }
    return switch (errorCode) {
      case 40401 -> " (nothing is registered under this subject yet: register a schema first)";
      case 409 -> " (make the change compatible, e.g. give new fields a default, or change the subject's compatibility level)";
      case 42201 -> " (the schema is not valid Avro: fix it, e.g. parse it with org.apache.avro.Schema.Parser)";
      case 42203 -> " (use one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE)";
      default -> "";
    };
  }

  private String errorMessage(String body) {
    JsonNode message = parseQuietly(body).path("message");
    if (message.isTextual()) {
      return message.asText();
    }
    String text = body == null ? "" : body.strip();
    return text.isEmpty() ? "no details" : text.substring(0, Math.min(text.length(), 300));
  }

  private JsonNode parseQuietly(String body) {
    try {
      JsonNode node = json.readTree(body == null ? "" : body);
      return node == null ? json.missingNode() : node;
    } catch (JsonProcessingException e) {
      return json.missingNode();
    }
  }

  private byte[] toJson(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write registry request as JSON: " + body, e);
    }
  }

  private static String basicAuth(String user, String password) {
    byte[] credentials = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(credentials);
  }

  /** The JDK often wraps the useful message ("Connection refused") in a cause of a message-less exception. */
  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}
