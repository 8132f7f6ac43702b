package io.assay.ingestion.weather;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/** Plausible weather without a network: a daily temperature curve around each city's mean, plus noise. */
public final class OfflineWeather implements WeatherSource {
  private static final String[] CONDITIONS = {"Clear", "Clear", "Clouds", "Clouds", "Clouds", "Rain", "Drizzle", "Mist", "Haze", "Thunderstorm"};
  private final Random random;

  public OfflineWeather(Random random) {
    this.random = random;
  }

  @Override
  public CurrentWeather observe(City city, Instant now) {
    int hour = now.atZone(ZoneOffset.UTC).getHour();
    double daily = 5 * Math.sin((hour - 9) / 24.0 * 2 * Math.PI);
    double temperature = Math.round((city.meanTemperatureC() + daily + random.nextGaussian() * 2) * 10) / 10.0;
    String condition = CONDITIONS[random.nextInt(CONDITIONS.length)];
    if (temperature < 0 && "Rain".equals(condition)) {
      condition = "Snow";
    }
    return new CurrentWeather(city.name(), city.country(), now, temperature,
        35 + random.nextInt(60), 995 + random.nextInt(35), Math.round(random.nextDouble() * 120) / 10.0, condition);
  }

  @Override
  public String name() {
    return "offline";
  }
}
