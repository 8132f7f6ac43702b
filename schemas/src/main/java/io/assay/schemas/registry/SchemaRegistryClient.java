package io.assay.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client for Confluent's Schema Registry REST API: works against the embedded registry, a
 * self-managed Confluent registry and Confluent Cloud alike. Ids are cached forever (the registry
 * never changes what an id means); registrations are cached per subject and schema.
 */
public class SchemaRegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistrySettings settings;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idBySubjectAndSchema = new ConcurrentHashMap<>();

  public SchemaRegistryClient(RegistrySettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    this.authorization = settings.basicAuthUser().flatMap(user -> settings.basicAuthPassword().map(password ->
        "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
  }

  /** Registers the schema under the subject (or finds it there) and returns its global id. */
  public int register(String subject, Schema schema) {
    String key = subject + "\u0000" + schema;
    Integer cached = idBySubjectAndSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = answer.path("id").asInt();
    idBySubjectAndSchema.put(key, id);
    schemaById.putIfAbsent(id, schema);
    return id;
  }

  /** The schema with this id; {@link UnknownSchemaException} when the registry never issued it. */
  public Schema schemaById(int id) {
    Schema cached = schemaById.get(id);
    if (cached != null) {
      return cached;
    }
    Schema schema = parse(send("GET", "/schemas/ids/" + id, null).path("schema").asText());
    schemaById.putIfAbsent(id, schema);
    return schema;
  }

  public RegisteredSchema latest(String subject) {
    return registered(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
  }

  public RegisteredSchema version(String subject, int version) {
    return registered(send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
  }

  public List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
    return versions;
  }

  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    send("GET", "/subjects", null).forEach(s -> subjects.add(s.asText()));
    return subjects;
  }

  /** Whether the schema may be registered next under the subject's compatibility rule. */
  public boolean isCompatible(String subject, Schema schema) {
    return send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
        .path("is_compatible").asBoolean();
  }

  /** The compatibility level of a subject (falling back to the global one), or the global level. */
  public String compatibility(Optional<String> subject) {
    String path = subject.map(s -> "/config/" + encode(s) + "?defaultToGlobal=true").orElse("/config");
    return send("GET", path, null).path("compatibilityLevel").asText();
  }

  public void setCompatibility(Optional<String> subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    send("PUT", subject.map(s -> "/config/" + encode(s)).orElse("/config"), body.toString());
  }

  private RegisteredSchema registered(JsonNode node) {
    Schema schema = parse(node.path("schema").asText());
    int id = node.path("id").asInt();
    schemaById.putIfAbsent(id, schema);
    return new RegisteredSchema(node.path("subject").asText(), id, node.path("version").asInt(), schema);
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).put("schemaType", "AVRO").toString();
  }

  private JsonNode send(String method, String path, String body) {
    URI uri = URI.create(settings.url().toString().replaceAll("/+$", "") + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(settings.timeout())
        .header("Accept", CONTENT_TYPE + ", application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE);
    }
    authorization.ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RegistryUnavailableException("schema registry at " + settings.url() + " is unreachable (" + e
          + "): start it with `./assay up` or check ASSAY_REGISTRY_URL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted while calling the schema registry at " + settings.url(), e);
    }
    return answer(method, uri, response);
  }

  private JsonNode answer(String method, URI uri, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 500) {
      throw new RegistryUnavailableException("schema registry at " + settings.url() + " failed: HTTP " + status
          + " on " + method + " " + uri.getPath() + ": " + response.body(), null);
    }
    JsonNode node;
    try {
      node = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    } catch (IOException e) {
      throw new RegistryException(status, status, "not JSON from " + method + " " + uri.getPath() + ": " + response.body());
    }
    if (status >= 400) {
      int errorCode = node.path("error_code").asInt(status);
      String message = node.path("message").asText(response.body());
      if (errorCode == 40403) {
        throw new UnknownSchemaException(status, errorCode, message);
      }
      throw new RegistryException(status, errorCode, message);
    }
    return node;
  }

  private static Schema parse(String text) {
    return new Schema.Parser().parse(text);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "SchemaRegistryClient[" + settings + "]";
  }
}
