package io.assay.stack.registry;

import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 request as read off the connection.
 *
 * @param target the request target as sent, e.g. {@code /subjects/orders-value/versions?verbose=true}
 * @param headers header values by lower-case name (the last one wins)
 */
record HttpRequestMessage(String method, String target, String version, Map<String, String> headers, byte[] body) {

  Optional<String> header(String lowerCaseName) {
    return Optional.ofNullable(headers.get(lowerCaseName));
  }

  /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it. */
  boolean keepAlive() {
    String connection = headers.getOrDefault("connection", "").toLowerCase(java.util.Locale.ROOT);
    return version.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
  }
}
