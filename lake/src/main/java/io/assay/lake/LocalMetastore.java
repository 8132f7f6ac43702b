package io.assay.lake;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.derby.drda.NetworkServerControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Hive metastore: one Derby database under the data folder, so table names survive restarts.
 *
 * <p>Embedded Derby lets one JVM open a database at a time, yet the streaming ingest, a transform
 * started by Airflow and the SQL endpoint run side by side. So the long-running local services (the
 * stack of {@code ./assay up}, and {@code ./assay serve}) host Derby's network server on
 * 127.0.0.1; every job that finds it listening goes through it, and a job alone on the machine
 * (no stack, no endpoint) opens the database embedded. Both reach the same files.
 */
public final class LocalMetastore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalMetastore.class);
  private static final String DATABASE = "metastore_db";

  private final NetworkServerControl server;
  private final int port;

  private LocalMetastore(NetworkServerControl server, int port) {
    this.server = server;
    this.port = port;
  }

  /** The JDBC URL and driver a session should use now: the server's when it listens, embedded otherwise. */
  public static JdbcTarget target(CatalogSettings settings) {
    String database = databasePath(settings).toString();
    if (listening(settings.metastorePort())) {
      return new JdbcTarget("jdbc:derby://127.0.0.1:" + settings.metastorePort() + "/" + database + ";create=true",
          "org.apache.derby.jdbc.ClientDriver", true);
    }
    JdbcTarget embedded = new JdbcTarget("jdbc:derby:;databaseName=" + database + ";create=true", "org.apache.derby.jdbc.EmbeddedDriver", false);
    checkNotHeldElsewhere(embedded, settings);
    return embedded;
  }

  /**
   * Opens the database embedded now, so a database another JVM holds fails here with what to do,
   * rather than later inside the Hive client with Derby's own words. The connection stays in this
   * JVM's Derby engine, which the metastore client then shares.
   */
  private static void checkNotHeldElsewhere(JdbcTarget embedded, CatalogSettings settings) {
    keepDerbyLogIn(settings);
    try (Connection ignored = DriverManager.getConnection(embedded.url())) {
      LOG.debug("local metastore opened embedded: {}", embedded.url());
    } catch (SQLException e) {
      if (heldByAnotherProcess(e)) {
        throw new IllegalStateException("the local metastore in " + settings.metastoreDir() + " is open in another Assay"
            + " process, and no metastore server listens on 127.0.0.1:" + settings.metastorePort() + ". Start `./assay up`"
            + " (or `./assay serve`) before the jobs, so they share it through that server, or run one job at a time", e);
      }
      throw new IllegalStateException("cannot open the local metastore in " + settings.metastoreDir() + ": " + e.getMessage(), e);
    }
  }

  private static boolean heldByAnotherProcess(SQLException e) {
    for (SQLException next = e; next != null; next = next.getNextException()) {
      if ("XSDB6".equals(next.getSQLState())) {
        return true;
      }
      if (next.getCause() instanceof SQLException cause && "XSDB6".equals(cause.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** How a session reaches the metastore database. */
  public record JdbcTarget(String url, String driver, boolean shared) {}

  /**
   * Hosts the network server in this JVM unless one already listens on the port; closing stops
   * only a server this call started.
   */
  public static LocalMetastore serve(CatalogSettings settings) {
    int port = settings.metastorePort();
    if (listening(port)) {
      LOG.info("local metastore server already listening on 127.0.0.1:{}", port);
      return new LocalMetastore(null, port);
    }
    try {
      keepDerbyLogIn(settings);
      NetworkServerControl server = new NetworkServerControl(InetAddress.getByName("127.0.0.1"), port);
      server.start(new PrintWriter(Writer.nullWriter()));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (!pings(server)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the local metastore server did not start on 127.0.0.1:" + port
              + " (is the port taken? set ASSAY_METASTORE_PORT)");
        }
        Thread.sleep(100);
      }
      LOG.info("local metastore server listening on 127.0.0.1:{} for {}", port, databasePath(settings));
      return new LocalMetastore(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the local metastore in " + settings.metastoreDir(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the local metastore server", e);
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the local metastore server on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  /** Derby writes its log beside the database, not into whatever folder the job started in. */
  static void keepDerbyLogIn(CatalogSettings settings) {
    try {
      Path dir = Files.createDirectories(Path.of(settings.metastoreDir()));
      System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toAbsolutePath().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the local metastore's folder " + settings.metastoreDir(), e);
    }
  }

  public int port() {
    return port;
  }

  public boolean hostedHere() {
    return server != null;
  }

  static Path databasePath(CatalogSettings settings) {
    return Path.of(settings.metastoreDir(), DATABASE).toAbsolutePath();
  }

  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean pings(NetworkServerControl server) {
    try {
      server.ping();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
    } catch (Exception e) {
      LOG.warn("local metastore server did not shut down cleanly: {}", e.getMessage());
    }
  }
}
