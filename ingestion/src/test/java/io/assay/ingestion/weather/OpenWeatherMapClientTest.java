package io.assay.ingestion.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a local stub that answers the way OpenWeatherMap does, errors included. */
class OpenWeatherMapClientTest {
  private static final String KEY = "k3y-that-must-not-leak";
  private record Reply(int status, String body, String retryAfter) {}

  private final Deque<Reply> replies = new ArrayDeque<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicReference<String> lastQuery = new AtomicReference<>();
  private HttpServer stub;

  private URI stub(Reply... answers) throws IOException {
    replies.addAll(java.util.List.of(answers));
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/data/2.5/weather", exchange -> {
      requests.incrementAndGet();
      lastQuery.set(exchange.getRequestURI().getRawQuery());
      Reply reply = replies.size() > 1 ? replies.poll() : replies.peek();
      if (reply.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    stub.start();
    return URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.stop(0);
    }
  }

  private static String london() throws IOException {
    try (InputStream in = OpenWeatherMapClientTest.class.getResourceAsStream("/openweathermap/current-london.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static OpenWeatherMapClient client(URI base) {
    return new OpenWeatherMapClient(base, KEY, Duration.ofSeconds(5));
  }

  @Test
  void mapsCurrentWeatherResponse() throws Exception {
    CurrentWeather weather = client(stub(new Reply(200, london(), null))).current("London", "GB");
    assertEquals(new CurrentWeather("London", "GB", Instant.ofEpochSecond(1764000000), 11.87, 82, 1012, 4.63, "Clouds"), weather);
    assertTrue(lastQuery.get().contains("q=London%2CGB"), lastQuery.get());
    assertTrue(lastQuery.get().contains("units=metric"));
    assertTrue(lastQuery.get().contains("appid=" + KEY));
  }

  @Test
  void invalidKeyIs401NotRetryableAndHidesTheKey() throws Exception {
    URI base = stub(new Reply(401, "{\"cod\":401, \"message\": \"Invalid API key. Please see https://openweathermap.org/faq#error401 for more info.\"}", null));
    WeatherApiException error = assertThrows(WeatherApiException.class, () -> client(base).currentWithRetry("London", "GB", 5, Duration.ofMillis(1)));
    assertEquals(401, error.httpStatus());
    assertFalse(error.retryable());
    assertEquals(1, requests.get(), "a bad key is not retried");
    assertTrue(error.getMessage().contains("OPENWEATHER_API_KEY") && error.getMessage().contains("Invalid API key"), error.getMessage());
    assertFalse(error.getMessage().contains(KEY));
    assertFalse(client(base).toString().contains(KEY));
  }

  @Test
  void rateLimitIs429Retryable() throws Exception {
    URI base = stub(new Reply(429, "{\"cod\":429,\"message\":\"Your account is temporary blocked due to exceeding of requests limitation of your subscription type.\"}", "1"));
    WeatherApiException error = assertThrows(WeatherApiException.class, () -> client(base).current("London", "GB"));
    assertEquals(429, error.httpStatus());
    assertTrue(error.retryable());
    assertEquals(Duration.ofSeconds(1), error.retryAfter().orElseThrow());
  }

  @Test
  void retryRecoversAfter429() throws Exception {
    String limited = "{\"cod\":429,\"message\":\"limit\"}";
    URI base = stub(new Reply(429, limited, null), new Reply(429, limited, null), new Reply(200, london(), null));
    CurrentWeather weather = client(base).currentWithRetry("London", "GB", 5, Duration.ofMillis(1));
    assertEquals("London", weather.city());
    assertEquals(3, requests.get());
  }

  @Test
  void retryGivesUpAfterMaxAttempts() throws Exception {
    URI base = stub(new Reply(503, "{\"cod\":503,\"message\":\"busy\"}", null));
    WeatherApiException error = assertThrows(WeatherApiException.class, () -> client(base).currentWithRetry("London", "GB", 3, Duration.ofMillis(1)));
    assertEquals(503, error.httpStatus());
    assertEquals(3, requests.get());
  }

  @Test
  void cityNotFoundIs404() throws Exception {
    URI base = stub(new Reply(404, "{\"cod\":\"404\",\"message\":\"city not found\"}", null));
    WeatherApiException error = assertThrows(WeatherApiException.class, () -> client(base).current("Atlantis", "GR"));
    assertEquals(404, error.httpStatus());
    assertTrue(error.getMessage().contains("Atlantis") && error.getMessage().contains("city not found"), error.getMessage());
  }

  @Test
  void malformedBodyNamesTheMissingField() throws Exception {
    URI base = stub(new Reply(200, london().replace("\"humidity\":82,", ""), null));
    WeatherApiException error = assertThrows(WeatherApiException.class, () -> client(base).current("London", "GB"));
    assertTrue(error.getMessage().contains("'humidity'"), error.getMessage());
    assertFalse(error.retryable());
  }

  @Test
  void unreachableServerIsARetryableNetworkError() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    WeatherApiException error = assertThrows(WeatherApiException.class,
        () -> client(URI.create("http://127.0.0.1:" + closed)).current("London", "GB"));
    assertEquals(0, error.httpStatus());
    assertTrue(error.retryable());
    assertFalse(error.getMessage().contains(KEY));
  }
}
