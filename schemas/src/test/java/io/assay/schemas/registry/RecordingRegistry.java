package io.assay.schemas.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in registry that answers every request with one canned reply and records what it was sent. */
final class RecordingRegistry implements AutoCloseable {

  record Received(String method, String rawPath, String rawQuery, Optional<String> authorization, String body) {}

  private final HttpServer http;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String body = "{}";

  RecordingRegistry() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", exchange -> {
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(),
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    http.start();
  }

  RecordingRegistry answering(int newStatus, String newBody) {
    status = newStatus;
    body = newBody;
    return this;
  }

  String url() {
    return "http://localhost:" + http.getAddress().getPort();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
