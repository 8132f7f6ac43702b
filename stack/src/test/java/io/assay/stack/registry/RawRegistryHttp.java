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

  /**
   * Bytes written straight to a socket, for requests no HTTP client would send (bad escapes, bad
   * framing); the answer is read up to its Content-Length.
   */
  Reply socket(String head, byte[] body) throws IOException {
    try (java.net.Socket socket = new java.net.Socket(baseUrl.getHost(), baseUrl.getPort())) {
      socket.setSoTimeout(10_000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      try {
        out.write(body);
        out.flush();
      } catch (IOException refusedMidway) {
        // the server may answer and stop reading before the whole body is sent
      }
      java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
      String statusLine = readLine(in);
      String contentType = "";
      int length = 0;
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(java.util.Locale.ROOT);
        String value = line.substring(line.indexOf(':') + 1).trim();
        if (name.equals("content-type")) {
          contentType = value;
        } else if (name.equals("content-length")) {
          length = Integer.parseInt(value);
        }
      }
      byte[] reply = new byte[length];
      in.readFully(reply);
      return new Reply(Integer.parseInt(statusLine.split(" ")[1]), contentType, JSON.readTree(reply));
    }
  }

  private static String readLine(java.io.InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new java.io.EOFException("the registry closed the connection before answering: " + line);
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
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
