package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.ingestion.kafka.KafkaSettings;
import io.assay.ingestion.kafka.TopicProvisioner;
import io.assay.lake.CatalogSettings;
import io.assay.lake.LocalMetastore;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.registry.SchemaRegistryClient;
import io.assay.stack.LocalStack;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code assay up}: run the embedded broker, registry and (local catalog) metastore server until interrupted. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the embedded Kafka broker, schema registry and local metastore server, create topics, register schemas; Ctrl-C stops.")
public final class UpCommand implements Callable<Integer> {
  private final AssayConfig config;

  @picocli.CommandLine.Option(names = "--kafka-port", description = "broker port (default ASSAY_KAFKA_PORT or 9092)")
  Integer kafkaPort;

  @picocli.CommandLine.Option(names = "--registry-port", description = "registry port (default ASSAY_REGISTRY_PORT or 8081)")
  Integer registryPort;

  public UpCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() throws InterruptedException {
    int kafka = kafkaPort != null ? kafkaPort : config.kafkaPort();
    int registry = registryPort != null ? registryPort : config.registryPort();
    CountDownLatch stopped = new CountDownLatch(1);
    try (LocalStack stack = LocalStack.start(config.dataDir().resolve("stack"), kafka, registry, config.kafka().partitions(),
        config.registryServerOptions());
         LocalMetastore metastore = config.catalog().kind() == CatalogSettings.Kind.LOCAL ? LocalMetastore.serve(config.catalog()) : null) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (metastore != null) {
          metastore.close();
        }
        stack.close();
        stopped.countDown();
      }));
      KafkaSettings kafkaSettings = config.kafka().withBootstrapServers(stack.bootstrapServers());
      ContractCatalog catalog = config.contracts();
      new TopicProvisioner(kafkaSettings).ensureTopics(catalog.topics());
      SchemaRegistryClient client = new SchemaRegistryClient(config.withEndpoints(stack.bootstrapServers(), stack.registryUrl()).registry());
      catalog.contracts().forEach(c -> client.register(c.subject(), c.schema()));
      System.out.println("Kafka bootstrap:  " + stack.bootstrapServers());
      System.out.println("Schema registry:  " + stack.registryUrl());
      System.out.println("Topics:           " + catalog.topics() + " + " + TopicProvisioner.DEAD_LETTER_TOPIC);
      System.out.println("Data:             " + config.dataDir().resolve("stack").toAbsolutePath());
      if (metastore != null) {
        System.out.println("Metastore:        127.0.0.1:" + metastore.port() + " (jobs and ./assay serve share it)");
      }
      System.out.println("Running; Ctrl-C stops.");
      stopped.await();
    }
    return 0;
  }
}
