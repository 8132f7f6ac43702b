package io.assay.ingestion.weather;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Live readings from OpenWeatherMap. It updates a city every few minutes and the free tier allows
 * 60 calls a minute, so each city's answer is reused for {@code refreshEvery}.
 */
public final class OpenWeatherMapSource implements WeatherSource {
  private record Cached(CurrentWeather weather, Instant fetchedAt) {}

  private final OpenWeatherMapClient client;
  private final Duration refreshEvery;
  private final Map<City, Cached> cache = new HashMap<>();

  public OpenWeatherMapSource(URI baseUrl, String apiKey, Duration refreshEvery) {
    this.client = new OpenWeatherMapClient(baseUrl, apiKey, Duration.ofSeconds(10));
    this.refreshEvery = refreshEvery;
  }

  @Override
  public CurrentWeather observe(City city, Instant now) {
    Cached cached = cache.get(city);
    if (cached == null || cached.fetchedAt().plus(refreshEvery).isBefore(now)) {
      cached = new Cached(client.currentWithRetry(city.name(), city.country(), 4, Duration.ofMillis(500)), now);
      cache.put(city, cached);
    }
    return cached.weather();
  }

  @Override
  public String name() {
    return "openweathermap";
  }
}
