package io.assay.stack.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry (Avro, no deletes) for the local stack, so producers and
 * the streaming job use the same client against it as against Confluent Cloud. State lives in
 * {@code dataDir/registry.log} and survives restarts with the same ids.
 *
 * <p>Listens on the loopback interface by default; anywhere else only with basic auth
 * ({@link RegistryServerOptions}).
 */
public final class SchemaRegistryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

  private final RegistryHttpServer http;
  private final SchemaStore store;
  private final URI url;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SchemaRegistryServer(RegistryHttpServer http, SchemaStore store) {
    this.http = http;
    this.store = store;
    this.url = URI.create("http://localhost:" + http.port());
  }

  /**
   * Starts a registry on the loopback interface, {@code port} (0 picks a free one), keeping its state in {@code dataDir}.
   *
   * @throws RegistryPortInUseException if the port is taken
   */
  public static SchemaRegistryServer start(int port, Path dataDir) {
    return start(port, dataDir, RegistryServerOptions.loopback());
  }

  /** Starts a registry listening as {@code options} say. */
  public static SchemaRegistryServer start(int port, Path dataDir, RegistryServerOptions options) {
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("registry port must be 0 (any free port) or 1-65535, got " + port);
    }
    ServerSocket socket;
    try {
      socket = RegistryHttpServer.bind(new InetSocketAddress(options.address(), port));
    } catch (BindException e) {
      throw new RegistryPortInUseException(port, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open port " + port + " for the schema registry: " + e.getMessage(), e);
    }
    SchemaStore store;
    try {
      store = SchemaStore.open(dataDir);
    } catch (RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
    RegistryHttpHandler handler = new RegistryHttpHandler(new RegistryRoutes(store), options.credentials());
    RegistryHttpServer http = RegistryHttpServer.start(socket, handler, options.maxRequestBytes());
    SchemaRegistryServer server = new SchemaRegistryServer(http, store);
    LOG.info("Schema registry listening on {}:{} (data in {}, requests up to {} bytes{})", options.host(), server.port(),
        dataDir.toAbsolutePath(), options.maxRequestBytes(), options.credentials().isPresent() ? ", basic auth" : "");
    return server;
  }

  public int port() {
    return http.port();
  }

  public URI url() {
    return url;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.close();
    store.close();
    LOG.info("Schema registry on {} stopped", url);
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("registry socket did not close cleanly: {}", e.getMessage());
    }
  }
}
