package io.assay.stack.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry (Avro, no deletes) for the local stack, so producers and
 * the streaming job use the same client against it as against Confluent Cloud. State lives in
 * {@code dataDir/registry.log} and survives restarts with the same ids.
 *
 * <p>Listens on the loopback interface only: it has no auth, so it must not be reachable from the network.
 */
public final class SchemaRegistryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
  private static final int HANDLER_THREADS = 4;

  static {
    // The JDK server writes headers and body in separate packets; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK, 40 ms per call (measured: 200 lookups took 8.9 s).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer http;
  private final ExecutorService executor;
  private final SchemaStore store;
  private final URI url;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SchemaRegistryServer(HttpServer http, ExecutorService executor, SchemaStore store) {
    this.http = http;
    this.executor = executor;
    this.store = store;
    this.url = URI.create("http://localhost:" + http.getAddress().getPort());
  }

  /**
   * Starts a registry on {@code port} (0 picks a free one) keeping its state in {@code dataDir}.
   *
   * @throws RegistryPortInUseException if the port is taken
   */
  public static SchemaRegistryServer start(int port, Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("registry port must be 0 (any free port) or 1-65535, got " + port);
    }
    HttpServer http = bind(port);
    SchemaStore store;
    try {
      store = SchemaStore.open(dataDir);
    } catch (RuntimeException e) {
      http.stop(0);
      throw e;
    }
    ExecutorService executor = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads());
    http.setExecutor(executor);
    http.createContext("/", new RegistryHttpHandler(new RegistryRoutes(store)));
    http.start();
    SchemaRegistryServer server = new SchemaRegistryServer(http, executor, store);
    LOG.info("Schema registry listening on {} (data in {})", server.url(), dataDir.toAbsolutePath());
    return server;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public URI url() {
    return url;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    store.close();
    LOG.info("Schema registry on {} stopped", url);
  }

  private static HttpServer bind(int port) {
    try {
      return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (BindException e) {
      throw new RegistryPortInUseException(port, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open port " + port + " for the schema registry: " + e.getMessage(), e);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "schema-registry-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
