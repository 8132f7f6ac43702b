package io.assay.cli.steps;

import io.assay.cli.config.AssayConfig;
import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.ingestion.ledger.LedgerWriter;
import io.assay.ingestion.ledger.ProduceCounts;
import io.assay.ingestion.produce.ProduceOptions;
import io.assay.ingestion.produce.ProducerRun;
import io.assay.ingestion.produce.ProgressListener;
import io.assay.ingestion.weather.OfflineWeather;
import io.assay.ingestion.weather.OpenWeatherMapSource;
import io.assay.ingestion.weather.WeatherSource;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.registry.SchemaRegistryClient;
import io.assay.schemas.wire.RegistrySchemaIds;
import io.assay.schemas.wire.SchemaIds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/** Wires a producer run from configuration: topics, registry, generators, faults, ledger. */
public final class ProduceStep {
  /** What a run leaves behind. */
  public record Result(String runId, ProduceCounts counts, Path ledgerFile) {}

  private ProduceStep() {}

  public static Result run(AssayConfig config, ProduceOptions options, String runId, ProgressListener progress) {
    ContractCatalog catalog = config.contracts();
    options.topics().forEach(catalog::forTopic); // an unknown --topic fails here, before anything is sent
    TopicProvisioner topics = new TopicProvisioner(config.kafka());
    topics.checkReachable();
    topics.ensureTopics(catalog.topics());
    SchemaIds schemaIds = new RegistrySchemaIds(new SchemaRegistryClient(config.registry()));
    catalog.contracts().forEach(c -> schemaIds.idFor(c.subject(), c.schema())); // registry down: fail before producing
    ProducerRun run = ProducerRun.forDemo(config.kafka(), schemaIds, catalog, options,
        weatherSource(config, new Random(options.seed() + 2)), progress);
    Path ledgerFile = config.dataDir().resolve("ledger").resolve(runId + ".jsonl");
    try (LedgerWriter ledger = new LedgerWriter(ledgerFile)) {
      return new Result(runId, run.run(options, runId, ledger), ledgerFile);
    }
  }

  private static WeatherSource weatherSource(AssayConfig config, Random random) {
    return config.openWeatherApiKey()
        .<WeatherSource>map(key -> new OpenWeatherMapSource(config.openWeatherBaseUrl(), key, Duration.ofSeconds(60)))
        .orElseGet(() -> new OfflineWeather(random));
  }
}
