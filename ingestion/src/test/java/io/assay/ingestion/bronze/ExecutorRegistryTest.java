package io.assay.ingestion.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.schemas.registry.RegistrySettings;
import io.assay.schemas.registry.SchemaRegistryClient;
import io.assay.stack.registry.SchemaRegistryServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry outage is waited out with backoff, and only a long one stops the job, with a clear error. */
class ExecutorRegistryTest {
  @TempDir Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void waitsForARegistryThatComesBack() throws Exception {
    int port = freePort();
    RegistryEndpoint endpoint = RegistryEndpoint.of(RegistrySettings.of("http://localhost:" + port), Duration.ofSeconds(30));
    CompletableFuture<SchemaRegistryServer> later = CompletableFuture.supplyAsync(
        () -> SchemaRegistryServer.start(port, dir), CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
    try {
      long started = System.nanoTime();
      List<String> subjects = ExecutorRegistry.get(endpoint).withRetry(
          () -> new SchemaRegistryClient(endpoint.settings()).subjects());
      assertEquals(List.of(), subjects);
      assertTrue(System.nanoTime() - started >= Duration.ofSeconds(1).toNanos(), "it waited for the registry");
    } finally {
      later.get(30, TimeUnit.SECONDS).close();
    }
  }

  @Test
  void aLongOutageFailsWithAClearError() throws Exception {
    int port = freePort();
    RegistryEndpoint endpoint = RegistryEndpoint.of(RegistrySettings.of("http://localhost:" + port), Duration.ofSeconds(2));
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> ExecutorRegistry.get(endpoint).withRetry(
        () -> new SchemaRegistryClient(endpoint.settings()).subjects()));
    assertTrue(error.getMessage().contains("stayed unreachable") && error.getMessage().contains(":" + port), error.getMessage());
  }
}
