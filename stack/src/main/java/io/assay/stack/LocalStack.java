package io.assay.stack;

import io.assay.stack.kafka.BrokerSettings;
import io.assay.stack.kafka.EmbeddedKafkaBroker;
import io.assay.stack.registry.RegistryServerOptions;
import io.assay.stack.registry.SchemaRegistryServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The embedded stack for local runs and tests: a real KRaft Kafka broker in its own JVM and the
 * Confluent-compatible schema registry, both keeping their data under one folder.
 */
public final class LocalStack implements AutoCloseable {
  private final EmbeddedKafkaBroker broker;
  private final SchemaRegistryServer registry;

  private LocalStack(EmbeddedKafkaBroker broker, SchemaRegistryServer registry) {
    this.broker = broker;
    this.registry = registry;
  }

  /** Ports of 0 pick free ones; the registry listens on loopback without auth. */
  public static LocalStack start(Path dataDir, int kafkaPort, int registryPort, int partitions) {
    return start(dataDir, kafkaPort, registryPort, partitions, RegistryServerOptions.loopback());
  }

  /** Ports of 0 pick free ones. If the registry cannot start, the broker is stopped again. */
  public static LocalStack start(Path dataDir, int kafkaPort, int registryPort, int partitions, RegistryServerOptions registryOptions) {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new BrokerSettings(kafkaPort, 0, dataDir, partitions));
    try {
      return new LocalStack(broker, SchemaRegistryServer.start(registryPort, dataDir.resolve("registry"), registryOptions));
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public URI registryUrl() {
    return registry.url();
  }

  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  public SchemaRegistryServer registry() {
    return registry;
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      broker.close();
    }
  }
}
