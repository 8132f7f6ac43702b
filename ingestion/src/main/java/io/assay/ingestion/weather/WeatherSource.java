package io.assay.ingestion.weather;

import java.time.Instant;

/** Where weather readings come from: OpenWeatherMap when a key is set, else the offline generator. */
public interface WeatherSource {
  CurrentWeather observe(City city, Instant now);

  /** "openweathermap" or "offline", as the contract's {@code source} field allows. */
  String name();
}
