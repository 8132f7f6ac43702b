package io.assay.ingestion.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * OpenWeatherMap's current-weather API ({@code /data/2.5/weather}, metric units). The API key
 * travels in the query string, so no message or log line of this class ever contains a URL.
 */
public final class OpenWeatherMapClient {
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.openweathermap.org");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

  private final URI baseUrl;
  private final String apiKey;
  private final Duration timeout;
  private final HttpClient http;

  public OpenWeatherMapClient(URI baseUrl, String apiKey, Duration timeout) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The current weather in a city, e.g. {@code current("London", "GB")}. */
  public CurrentWeather current(String city, String countryCode) {
    String query = "q=" + encode(city + "," + countryCode) + "&units=metric&appid=" + encode(apiKey);
    URI uri = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/data/2.5/weather?" + query);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new WeatherApiException("OpenWeatherMap at " + baseUrl.getHost() + " is unreachable for " + city
          + " (" + e.getClass().getSimpleName() + "): check the network or retry later", 0, true, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeatherApiException("interrupted while calling OpenWeatherMap", 0, false, e);
    }
    int status = response.statusCode();
    if (status == 200) {
      return parse(response.body(), city, countryCode);
    }
    String theirMessage = messageOf(response.body());
    throw switch (status) {
      case 401 -> new WeatherApiException("OpenWeatherMap rejected the API key (HTTP 401): check OPENWEATHER_API_KEY. "
          + "OpenWeatherMap says: " + theirMessage, status, false, null);
      case 404 -> new WeatherApiException("OpenWeatherMap does not know the city '" + city + "," + countryCode
          + "' (HTTP 404): " + theirMessage, status, false, null);
      case 429 -> new WeatherApiException("OpenWeatherMap rate-limited this key (HTTP 429): retry later or lower the weather"
          + " event rate. OpenWeatherMap says: " + theirMessage, status, true, retryAfter(response), null);
      default -> new WeatherApiException("OpenWeatherMap answered HTTP " + status + " for " + city + ": " + theirMessage,
          status, status >= 500, retryAfter(response), null);
    };
  }

  /** Like {@link #current}, retrying rate limits, server errors and network failures with backoff. */
  public CurrentWeather currentWithRetry(String city, String countryCode, int maxAttempts, Duration initialBackoff) {
    Duration backoff = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return current(city, countryCode);
      } catch (WeatherApiException e) {
        if (!e.retryable() || attempt >= maxAttempts) {
          throw e;
        }
        sleep(e.retryAfter().filter(d -> d.compareTo(MAX_RETRY_AFTER) <= 0).orElse(backoff));
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  private static CurrentWeather parse(String body, String city, String countryCode) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new WeatherApiException("OpenWeatherMap answered with something that is not JSON for " + city, 200, false, e);
    }
    return new CurrentWeather(
        root.path("name").asText(city).isBlank() ? city : root.path("name").asText(city),
        root.path("sys").path("country").asText(countryCode),
        Instant.ofEpochSecond(required(root, "dt", city).asLong()),
        required(root.path("main"), "temp", city).asDouble(),
        required(root.path("main"), "humidity", city).asInt(),
        required(root.path("main"), "pressure", city).asInt(),
        required(root.path("wind"), "speed", city).asDouble(),
        required(root.path("weather").path(0), "main", city).asText());
  }

  private static JsonNode required(JsonNode parent, String field, String city) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      throw new WeatherApiException("OpenWeatherMap's answer for " + city + " has no '" + field + "'", 200, false, null);
    }
    return value;
  }

  private static String messageOf(String body) {
    try {
      return JSON.readTree(body).path("message").asText(body);
    } catch (IOException e) {
      return body;
    }
  }

  private static Duration retryAfter(HttpResponse<String> response) {
    return response.headers().firstValue("Retry-After").map(value -> {
      try {
        return Duration.ofSeconds(Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        return null;
      }
    }).orElse(null);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeatherApiException("interrupted while waiting to retry OpenWeatherMap", 0, false, e);
    }
  }

  @Override
  public String toString() {
    return "OpenWeatherMapClient[" + baseUrl + ", key=****]";
  }
}
