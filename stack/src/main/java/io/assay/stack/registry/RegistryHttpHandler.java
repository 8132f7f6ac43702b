package io.assay.stack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request: checks basic auth when credentials are set, asks the routes, and always
 * answers with a JSON body: errors become Confluent error bodies, never a stack trace.
 */
final class RegistryHttpHandler {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryRoutes routes;
  private final Optional<RegistryCredentials> credentials;

  RegistryHttpHandler(RegistryRoutes routes, Optional<RegistryCredentials> credentials) {
    this.routes = routes;
    this.credentials = credentials;
  }

  JsonReply answer(HttpRequestMessage message) {
    if (credentials.isPresent() && !credentials.get().accept(message.header("authorization").orElse(null))) {
      return JsonReply.error(401, 401, "Unauthorized: this registry needs HTTP basic auth (ASSAY_REGISTRY_API_KEY / ASSAY_REGISTRY_API_SECRET)");
    }
    RegistryRequest request;
    try {
      request = RegistryRequest.of(message.method(), new URI(message.target()), message.body());
    } catch (URISyntaxException e) {
      return JsonReply.of(RegistryError.malformedUri(e.getReason()));
    } catch (RegistryError e) {
      return JsonReply.of(e);
    }
    return answer(request);
  }

  private JsonReply answer(RegistryRequest request) {
    try {
      return routes.answer(request);
    } catch (RegistryError e) {
      return JsonReply.of(e);
    } catch (UncheckedIOException e) {
      LOG.error("Schema registry could not persist {} {}", request.method(), request.path(), e);
      return JsonReply.error(500, 50001, "Error in the backend data store: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Schema registry failed on {} {}", request.method(), request.path(), e);
      return JsonReply.error(500, 50001, "Internal error: " + e);
    }
  }

  static byte[] json(JsonReply reply) {
    try {
      return JSON.writeValueAsBytes(reply.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a registry reply could not be written as JSON", e);
    }
  }
}
