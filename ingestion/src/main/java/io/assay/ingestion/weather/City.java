package io.assay.ingestion.weather;

import java.util.List;

/** A city the weather producer reports on, with a rough climate for the offline generator. */
public record City(String name, String country, double meanTemperatureC) {
  public static final List<City> WATCHED = List.of(
      new City("London", "GB", 11), new City("New York", "US", 13), new City("San Francisco", "US", 15),
      new City("Berlin", "DE", 10), new City("Paris", "FR", 12), new City("Madrid", "ES", 16),
      new City("Amsterdam", "NL", 10), new City("Bengaluru", "IN", 24), new City("Pune", "IN", 25),
      new City("Mumbai", "IN", 28), new City("Tokyo", "JP", 16), new City("Sydney", "AU", 18));
}
