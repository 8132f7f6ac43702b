package io.assay.ingestion.produce;

import io.assay.ingestion.weather.WeatherSource;
import io.assay.schemas.contract.ContractCatalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shop's four generators, sharing one {@link ShopWorld}. Realistic data is domain knowledge, so
 * each event type has its own small generator; everything after generation (faults, serializer,
 * ledger, validation) is generic and driven by the contracts.
 */
public final class DemoGenerators {
  private DemoGenerators() {}

  /** Generators for the topics the catalog has and this demo knows how to fill. */
  public static Map<String, EventGenerator> create(ContractCatalog catalog, ShopWorld world, WeatherSource weather) {
    Map<String, EventGenerator> generators = new LinkedHashMap<>();
    catalog.find("orders").ifPresent(c -> generators.put(c.topic(), new OrderGenerator(c, world)));
    catalog.find("payments").ifPresent(c -> generators.put(c.topic(), new PaymentGenerator(c, world)));
    catalog.find("clickstream").ifPresent(c -> generators.put(c.topic(), new ClickstreamGenerator(c, world)));
    catalog.find("weather").ifPresent(c -> generators.put(c.topic(), new WeatherGenerator(c, world, weather)));
    return generators;
  }
}
