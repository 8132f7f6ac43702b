package io.assay.cli.config;

import io.assay.ingestion.bronze.IngestSettings;
import io.assay.ingestion.bronze.RegistryEndpoint;
import io.assay.ingestion.kafka.KafkaSettings;
import io.assay.lake.CatalogSettings;
import io.assay.lake.LakeLayout;
import io.assay.lake.LineageSettings;
import io.assay.lake.SessionSettings;
import io.assay.lake.sql.SqlEndpointSettings;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.registry.RegistrySettings;
import io.assay.stack.registry.RegistryCredentials;
import io.assay.stack.registry.RegistryServerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * All of Assay's settings in one typed place, read once at the edge from the environment (and
 * {@code .env}); command-line flags override single values through the {@code with*} methods.
 * The same code runs on the embedded stack and on Confluent Cloud / MSK / S3: only these change.
 *
 * @param kafkaPort port of the embedded broker ({@code ./assay up}, {@code produce} default target)
 * @param registryPort port of the embedded registry
 * @param registryHost address the embedded registry listens on; beyond loopback only with basic auth
 * @param registryMaxRequestBytes larger request bodies get 413 from the embedded registry
 * @param contractsDir a folder of contracts to use instead of the ones shipped in the jar
 * @param lake where Delta tables and checkpoints live: a local folder or {@code s3a://}
 * @param ingestAppId names the Bronze query, its checkpoint and its idempotent-write guard
 * @param catalog which catalog names the lake's tables (local Derby metastore, Hive metastore, Glue, Unity, none)
 * @param sql where {@code ./assay serve} listens and who may connect
 * @param lineage where OpenLineage events go (a file under the data folder unless a URL is set)
 */
public record AssayConfig(
    Path dataDir,
    KafkaSettings kafka,
    RegistrySettings registry,
    int kafkaPort,
    int registryPort,
    String registryHost,
    int registryMaxRequestBytes,
    Optional<String> openWeatherApiKey,
    URI openWeatherBaseUrl,
    Optional<Path> contractsDir,
    LakeLayout lake,
    String ingestAppId,
    long maxOffsetsPerTrigger,
    int maxMessageBytes,
    Duration metricsWatermark,
    Duration registryRetryBudget,
    CatalogSettings catalog,
    SqlEndpointSettings sql,
    LineageSettings lineage) {

  public static AssayConfig from(Environment env) {
    int kafkaPort = env.getInt("ASSAY_KAFKA_PORT", 9092);
    int registryPort = env.getInt("ASSAY_REGISTRY_PORT", 8081);
    KafkaSettings kafka = new KafkaSettings(
        env.get("ASSAY_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort),
        env.get("ASSAY_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"),
        env.get("ASSAY_KAFKA_SASL_MECHANISM"),
        env.get("ASSAY_KAFKA_API_KEY"),
        env.get("ASSAY_KAFKA_API_SECRET"),
        env.getInt("ASSAY_KAFKA_PARTITIONS", 4),
        (short) env.getInt("ASSAY_KAFKA_REPLICATION", 1));
    RegistrySettings registry = new RegistrySettings(
        URI.create(env.get("ASSAY_REGISTRY_URL", "http://127.0.0.1:" + registryPort)),
        env.get("ASSAY_REGISTRY_API_KEY"),
        env.get("ASSAY_REGISTRY_API_SECRET"),
        Duration.ofSeconds(env.getInt("ASSAY_REGISTRY_TIMEOUT_S", 10)));
    return new AssayConfig(
        Path.of(env.get("ASSAY_DATA_DIR", "data")),
        kafka,
        registry,
        kafkaPort,
        registryPort,
        env.get("ASSAY_REGISTRY_HOST", "127.0.0.1"),
        env.getInt("ASSAY_REGISTRY_MAX_REQUEST_BYTES", RegistryServerOptions.DEFAULT_MAX_REQUEST_BYTES),
        env.get("OPENWEATHER_API_KEY"),
        URI.create(env.get("OPENWEATHER_BASE_URL", "https://api.openweathermap.org")),
        env.get("ASSAY_CONTRACTS_DIR").map(Path::of),
        new LakeLayout(
            env.get("ASSAY_LAKE_ROOT", Path.of(env.get("ASSAY_DATA_DIR", "data"), "lake").toAbsolutePath().toString()),
            env.get("ASSAY_CHECKPOINT_ROOT", Path.of(env.get("ASSAY_DATA_DIR", "data"), "checkpoints").toAbsolutePath().toString())),
        env.get("ASSAY_INGEST_APP_ID", "assay-bronze"),
        env.getInt("ASSAY_MAX_OFFSETS_PER_TRIGGER", 500_000),
        env.getInt("ASSAY_MAX_MESSAGE_BYTES", 1024 * 1024),
        Duration.ofSeconds(env.getInt("ASSAY_METRICS_WATERMARK_S", 600)),
        Duration.ofSeconds(env.getInt("ASSAY_REGISTRY_RETRY_S", 300)),
        new CatalogSettings(
            CatalogSettings.Kind.parse(env.get("ASSAY_CATALOG", "local")),
            env.get("ASSAY_METASTORE_DIR", Path.of(env.get("ASSAY_DATA_DIR", "data"), "metastore").toAbsolutePath().toString()),
            env.getInt("ASSAY_METASTORE_PORT", 1527),
            env.get("ASSAY_METASTORE_URIS"),
            env.get("ASSAY_CATALOG_NAME")),
        new SqlEndpointSettings(
            env.get("ASSAY_SQL_HOST", SqlEndpointSettings.DEFAULT_HOST),
            env.getInt("ASSAY_SQL_PORT", SqlEndpointSettings.DEFAULT_PORT),
            env.get("ASSAY_SQL_USER"),
            env.get("ASSAY_SQL_PASSWORD"),
            false),
        lineage(env, Path.of(env.get("ASSAY_DATA_DIR", "data"))));
  }

  /** This configuration with the SQL endpoint's address or safety choice overridden by flags. */
  public AssayConfig withSql(SqlEndpointSettings newSql) {
    return new AssayConfig(dataDir, kafka, registry, kafkaPort, registryPort, registryHost, registryMaxRequestBytes, openWeatherApiKey,
        openWeatherBaseUrl, contractsDir, lake, ingestAppId, maxOffsetsPerTrigger, maxMessageBytes, metricsWatermark,
        registryRetryBudget, catalog, newSql, lineage);
  }

  private static LineageSettings lineage(Environment env, Path dataDir) {
    boolean off = env.get("ASSAY_OPENLINEAGE_DISABLED").map(Boolean::parseBoolean).orElse(false);
    Optional<String> file = env.get("ASSAY_OPENLINEAGE_FILE").map(f -> Path.of(f).toAbsolutePath().toString());
    return new LineageSettings(!off, env.get("ASSAY_OPENLINEAGE_NAMESPACE", LineageSettings.DEFAULT_NAMESPACE),
        env.get("ASSAY_OPENLINEAGE_URL").map(URI::create), env.get("ASSAY_OPENLINEAGE_API_KEY"),
        file.orElseGet(() -> LineageSettings.defaultFile(dataDir)), file.isPresent());
  }

  /** What every Spark session of this configuration takes: the catalog and where lineage goes. */
  public SessionSettings session() {
    return new SessionSettings(catalog, lineage);
  }

  /** Settings for the Kafka → Bronze job; an empty trigger means drain what is there and stop. */
  public IngestSettings ingest(Optional<Duration> trigger) {
    return new IngestSettings(kafka, RegistryEndpoint.of(registry, registryRetryBudget), lake, ingestAppId,
        trigger, maxOffsetsPerTrigger, maxMessageBytes, metricsWatermark);
  }

  /**
   * How the embedded registry of {@code up} listens; the client's API key and secret are its
   * credentials, so Assay's own clients get in. Off loopback without them it refuses to start.
   */
  public RegistryServerOptions registryServerOptions() {
    Optional<RegistryCredentials> credentials = registry.basicAuthUser()
        .map(user -> new RegistryCredentials(user, registry.basicAuthPassword().orElseThrow()));
    return new RegistryServerOptions(registryHost, registryMaxRequestBytes, credentials);
  }

  public ContractCatalog contracts() {
    return contractsDir.map(ContractCatalog::fromDirectory).orElseGet(ContractCatalog::fromClasspath);
  }

  /** A data folder of its own, with the lake, checkpoints and local metastore inside it (the demo's fresh run). */
  public AssayConfig withDataDir(Path dir) {
    LakeLayout local = new LakeLayout(dir.resolve("lake").toAbsolutePath().toString(), dir.resolve("checkpoints").toAbsolutePath().toString());
    return new AssayConfig(dir, kafka, registry, kafkaPort, registryPort, registryHost, registryMaxRequestBytes, openWeatherApiKey,
        openWeatherBaseUrl, contractsDir, local, ingestAppId, maxOffsetsPerTrigger, maxMessageBytes, metricsWatermark, registryRetryBudget,
        catalog.withMetastoreDir(dir.resolve("metastore").toAbsolutePath().toString()), sql,
        lineage.underDataDir(dir));
  }

  /** Points Kafka and the registry at a stack this process started (the demo's embedded one). */
  public AssayConfig withEndpoints(String bootstrapServers, URI registryUrl) {
    return new AssayConfig(dataDir, kafka.withBootstrapServers(bootstrapServers),
        new RegistrySettings(registryUrl, registry.basicAuthUser(), registry.basicAuthPassword(), registry.timeout()),
        kafkaPort, registryPort, registryHost, registryMaxRequestBytes, openWeatherApiKey, openWeatherBaseUrl, contractsDir,
        lake, ingestAppId, maxOffsetsPerTrigger, maxMessageBytes, metricsWatermark, registryRetryBudget, catalog, sql, lineage);
  }

  @Override
  public String toString() {
    return "AssayConfig[data=" + dataDir + ", " + kafka + ", registry=" + registry
        + ", openweather=" + (openWeatherApiKey.isPresent() ? "key set" : "offline") + ", lake=" + lake.root() + ", catalog=" + catalog + ", " + lineage + "]";
  }
}
