package io.assay.ingestion.weather;

import java.time.Instant;

/** One current-weather observation of a city, in metric units. */
public record CurrentWeather(String city, String country, Instant observedAt, double temperatureC,
    int humidityPct, int pressureHpa, double windSpeedMs, String condition) {}
