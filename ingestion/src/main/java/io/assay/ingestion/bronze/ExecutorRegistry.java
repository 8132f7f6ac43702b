package io.assay.ingestion.bronze;

import io.assay.schemas.registry.RegisteredSchema;
import io.assay.schemas.registry.RegistryUnavailableException;
import io.assay.schemas.registry.SchemaRegistryClient;
import io.assay.schemas.wire.RegistrySchemaIds;
import io.assay.schemas.wire.SchemaIds;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registry client per executor JVM (its schema cache is shared by all tasks), with the retry
 * policy for outages: a registry that is down is waited for with backoff, never turned into dead
 * letters.
 */
public final class ExecutorRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorRegistry.class);
  private static final Map<RegistryEndpoint, ExecutorRegistry> BY_ENDPOINT = new ConcurrentHashMap<>();
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final RegistryEndpoint endpoint;
  private final SchemaRegistryClient client;
  private final SchemaIds schemaIds;
  private final Map<Integer, Integer> versionById = new ConcurrentHashMap<>();

  private ExecutorRegistry(RegistryEndpoint endpoint) {
    this.endpoint = endpoint;
    this.client = new SchemaRegistryClient(endpoint.settings());
    this.schemaIds = new RegistrySchemaIds(client);
  }

  public static ExecutorRegistry get(RegistryEndpoint endpoint) {
    return BY_ENDPOINT.computeIfAbsent(endpoint, ExecutorRegistry::new);
  }

  public SchemaIds schemaIds() {
    return schemaIds;
  }

  /** The subject version of a schema id (for Bronze's metadata), looked up once per id. */
  public Integer versionOf(String subject, int schemaId) {
    Integer known = versionById.get(schemaId);
    if (known != null) {
      return known;
    }
    return withRetry(() -> {
      for (Integer version : client.versions(subject)) {
        RegisteredSchema registered = client.version(subject, version);
        versionById.putIfAbsent(registered.id(), registered.version());
      }
      return versionById.get(schemaId);
    });
  }

  /** Runs a registry call, waiting out an outage with exponential backoff up to the retry budget. */
  public <T> T withRetry(Supplier<T> call) {
    long deadline = System.currentTimeMillis() + endpoint.retryBudgetMillis();
    long backoff = FIRST_BACKOFF_MS;
    while (true) {
      try {
        return call.get();
      } catch (RegistryUnavailableException e) {
        if (System.currentTimeMillis() + backoff > deadline) {
          throw new IllegalStateException("schema registry at " + endpoint.url() + " stayed unreachable for "
              + endpoint.retryBudgetMillis() / 1000 + " s; stopping rather than dead-lettering good data: " + e.getMessage(), e);
        }
        LOG.warn("schema registry at {} unreachable ({}); retrying in {} ms", endpoint.url(), e.getMessage(), backoff);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the schema registry", interrupted);
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }
}
