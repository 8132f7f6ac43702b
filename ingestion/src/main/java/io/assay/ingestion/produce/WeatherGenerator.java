package io.assay.ingestion.produce;

import io.assay.ingestion.weather.City;
import io.assay.ingestion.weather.CurrentWeather;
import io.assay.ingestion.weather.WeatherSource;
import io.assay.schemas.contract.Contract;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** One reading per watched city in turn, from OpenWeatherMap or the offline source. */
public final class WeatherGenerator implements EventGenerator {
  private final Contract contract;
  private final ShopWorld world;
  private final WeatherSource source;
  private int nextCity;

  public WeatherGenerator(Contract contract, ShopWorld world, WeatherSource source) {
    this.contract = contract;
    this.world = world;
    this.source = source;
  }

  @Override
  public Contract contract() {
    return contract;
  }

  @Override
  public GenericRecord next(Instant now) {
    City city = City.WATCHED.get(nextCity++ % City.WATCHED.size());
    CurrentWeather weather = source.observe(city, now);
    GenericRecord reading = new GenericData.Record(contract.schema());
    reading.put("reading_id", new UUID(world.random().nextLong(), world.random().nextLong()).toString());
    reading.put("city", weather.city());
    reading.put("country", weather.country());
    reading.put("observed_ts", weather.observedAt().toString());
    reading.put("temperature_c", weather.temperatureC());
    reading.put("humidity_pct", weather.humidityPct());
    reading.put("pressure_hpa", weather.pressureHpa());
    reading.put("wind_speed_ms", weather.windSpeedMs());
    reading.put("condition", weather.condition());
    reading.put("source", source.name());
    return reading;
  }
}
