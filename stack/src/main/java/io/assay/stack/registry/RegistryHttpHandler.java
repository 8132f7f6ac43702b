package io.assay.stack.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an exchange, asks the routes, and always answers with a JSON body: errors become
 * Confluent error bodies, never a stack trace or a connection left hanging.
 */
final class RegistryHttpHandler implements HttpHandler {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryRoutes routes;

  RegistryHttpHandler(RegistryRoutes routes) {
    this.routes = routes;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      JsonReply reply = answer(RegistryRequest.of(exchange.getRequestMethod(), exchange.getRequestURI(), body));
      send(exchange, reply);
    } catch (IOException e) {
      LOG.debug("Schema registry client went away: {}", e.getMessage());
    } finally {
      exchange.close();
    }
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

  private static void send(HttpExchange exchange, JsonReply reply) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(reply.body());
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
