package io.assay.ingestion.weather;

import java.time.Instant;

public record CurrentWeather(String city, String country, Instant observedAt, double temperatureC,
    int humidityPct, int pressureHpa, double windSpeedMs, String condition) {}
