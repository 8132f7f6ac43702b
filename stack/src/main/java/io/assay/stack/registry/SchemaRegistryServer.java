package io.assay.stack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks the subset of Confluent's REST API real clients use, so the same
 * producers and streaming job run against it, a Confluent registry or Confluent Cloud.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Pattern SUBJECT_VERSIONS = Pattern.compile("^/subjects/([^/]+)/versions/?$");
  private static final Pattern SUBJECT_VERSION = Pattern.compile("^/subjects/([^/]+)/versions/([^/]+)/?$");
  private static final Pattern SUBJECT = Pattern.compile("^/subjects/([^/]+)/?$");
  private static final Pattern SCHEMA_ID = Pattern.compile("^/schemas/ids/(\\d+)/?$");
  private static final Pattern SCHEMA_ID_VERSIONS = Pattern.compile("^/schemas/ids/(\\d+)/versions/?$");
  private static final Pattern COMPATIBILITY = Pattern.compile("^/compatibility/subjects/([^/]+)/versions/([^/]+)/?$");
  private static final Pattern SUBJECT_CONFIG = Pattern.compile("^/config/([^/]+)/?$");

  private final HttpServer server;
  private final ExecutorService executor;
  private final SchemaStore store;

  private SchemaRegistryServer(HttpServer server, ExecutorService executor, SchemaStore store) {
    this.server = server;
    this.executor = executor;
    this.store = store;
  }

  /** Starts on the port (0 picks a free one) with its data under {@code dataDir}. */
  public static SchemaRegistryServer start(int port, Path dataDir) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (BindException e) {
      throw new IllegalStateException("port " + port + " is already in use: stop whatever holds it or choose another port"
          + " (--registry-port / ASSAY_REGISTRY_PORT)", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the schema registry's port " + port + ": " + e.getMessage(), e);
    }
    SchemaStore store = new SchemaStore(dataDir);
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread thread = new Thread(r, "schema-registry");
      thread.setDaemon(true);
      return thread;
    });
    SchemaRegistryServer registry = new SchemaRegistryServer(server, executor, store);
    server.createContext("/", registry::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info("schema registry up at {}, data in {}", registry.url(), dataDir.toAbsolutePath());
    return registry;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    store.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        respond(exchange, 200, route(exchange.getRequestMethod(), exchange.getRequestURI(), exchange));
      } catch (RegistryError e) {
        respond(exchange, e.httpStatus, JSON.createObjectNode().put("error_code", e.errorCode).put("message", e.getMessage()));
      } catch (RuntimeException e) {
        LOG.error("schema registry failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        respond(exchange, 500, JSON.createObjectNode().put("error_code", 50001).put("message", "Error in the backend: " + e));
      }
    }
  }

  private JsonNode route(String method, URI uri, HttpExchange exchange) throws IOException {
    String path = uri.getRawPath();
    boolean defaultToGlobal = uri.getRawQuery() != null && uri.getRawQuery().contains("defaultToGlobal=true");
    Matcher m;
    if (path.equals("/subjects") || path.equals("/subjects/")) {
      requireMethod(method, "GET");
      ArrayNode subjects = JSON.createArrayNode();
      store.subjects().forEach(subjects::add);
      return subjects;
    }
    if ((m = SUBJECT_VERSIONS.matcher(path)).matches()) {
      String subject = decode(m.group(1));
      if (method.equals("POST")) {
        return JSON.createObjectNode().put("id", store.register(subject, schemaText(exchange)));
      }
      requireMethod(method, "GET");
      ArrayNode versions = JSON.createArrayNode();
      store.versions(subject).forEach(versions::add);
      return versions;
    }
    if ((m = SUBJECT_VERSION.matcher(path)).matches()) {
      requireMethod(method, "GET");
      return versionNode(store.version(decode(m.group(1)), decode(m.group(2))));
    }
    if ((m = SUBJECT.matcher(path)).matches()) {
      requireMethod(method, "POST");
      String subject = decode(m.group(1));
      return store.lookup(subject, schemaText(exchange)).map(this::versionNode)
          .orElseThrow(() -> RegistryError.schemaNotFound("under subject '" + subject + "'"));
    }
    if ((m = SCHEMA_ID.matcher(path)).matches()) {
      requireMethod(method, "GET");
      return JSON.createObjectNode().put("schema", store.schema(Integer.parseInt(m.group(1))));
    }
    if ((m = SCHEMA_ID_VERSIONS.matcher(path)).matches()) {
      requireMethod(method, "GET");
      ArrayNode uses = JSON.createArrayNode();
      store.usesOf(Integer.parseInt(m.group(1))).forEach(v -> uses.addObject().put("subject", v.subject()).put("version", v.version()));
      return uses;
    }
    if ((m = COMPATIBILITY.matcher(path)).matches()) {
      requireMethod(method, "POST");
      String text = schemaText(exchange);
      return JSON.createObjectNode().put("is_compatible", store.isCompatible(decode(m.group(1)), text, decode(m.group(2))));
    }
    if (path.equals("/config") || path.equals("/config/")) {
      return config(method, Optional.empty(), exchange, true);
    }
    if ((m = SUBJECT_CONFIG.matcher(path)).matches()) {
      return config(method, Optional.of(decode(m.group(1))), exchange, defaultToGlobal);
    }
    if (path.equals("/") && method.equals("GET")) {
      return JSON.createObjectNode();
    }
    throw new RegistryError(404, 404, "HTTP 404 Not Found: " + method + " " + path);
  }

  private JsonNode config(String method, Optional<String> subject, HttpExchange exchange, boolean defaultToGlobal) throws IOException {
    if (method.equals("PUT")) {
      Compatibility level = Compatibility.parse(body(exchange).path("compatibility").asText(null));
      store.setLevel(subject, level);
      return JSON.createObjectNode().put("compatibility", level.name());
    }
    requireMethod(method, "GET");
    Optional<Compatibility> level = subject.isEmpty() ? Optional.of(store.globalLevel()) : store.subjectLevel(subject.get());
    if (level.isEmpty() && !defaultToGlobal) {
      throw new RegistryError(404, 40408, "Subject '" + subject.get() + "' does not have subject-level compatibility configured");
    }
    return JSON.createObjectNode().put("compatibilityLevel", level.orElse(store.globalLevel()).name());
  }

  private ObjectNode versionNode(SchemaStore.Version version) {
    return JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
        .put("id", version.id()).put("schema", version.schema());
  }

  private static String schemaText(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new RegistryError(422, 42201, "Invalid schema: only AVRO schemas are supported, got " + type);
    }
    if (!body.path("schema").isTextual()) {
      throw RegistryError.invalidSchema("the body must be {\"schema\": \"<Avro schema as a JSON string>\"}");
    }
    return body.path("schema").asText();
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      try {
        JsonNode node = JSON.readTree(bytes.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : bytes);
        return node == null ? JSON.createObjectNode() : node;
      } catch (IOException e) {
        throw new RegistryError(422, 42201, "Invalid JSON body: " + e.getMessage());
      }
    }
  }

  private static void requireMethod(String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new RegistryError(405, 405, "HTTP 405 Method Not Allowed: use " + expected);
    }
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
