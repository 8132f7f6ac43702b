package io.assay.stack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An HTTP request as the routes see it: method, decoded path segments, query parameters and body. */
record RegistryRequest(String method, List<String> path, Map<String, String> query, byte[] body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static RegistryRequest of(String method, URI uri, byte[] body) {
    return new RegistryRequest(method, segments(uri.getRawPath()), query(uri.getRawQuery()), body);
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(query.get(name));
  }

  /** The body as a JSON object; a missing or malformed body is the client's error, reported as such. */
  JsonNode jsonBody() {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw RegistryError.malformedRequest(e.getOriginalMessage());
    } catch (IOException e) {
      throw RegistryError.malformedRequest(e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw RegistryError.malformedRequest("expected a JSON object");
    }
    return node;
  }

  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    if (rawPath == null) {
      return segments;
    }
    String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      return segments;
    }
    for (String segment : trimmed.split("/", -1)) {
      segments.add(decode(segment));
    }
    return List.copyOf(segments);
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        parameters.put(decode(name), decode(value));
      }
    }
    return Map.copyOf(parameters);
  }

  /** Percent-decoding only: in a path '+' is a plus, not a space. */
  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw RegistryError.malformedUri("bad percent-encoding in '" + raw + "'");
    }
  }
}
