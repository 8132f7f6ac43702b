package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.steps.IngestStep;
import io.assay.lake.CatalogSettings;
import io.assay.lake.LakeCatalog;
import io.assay.lake.LocalMetastore;
import io.assay.lake.sql.SqlEndpoint;
import io.assay.lake.sql.SqlEndpointSettings;
import io.assay.lake.sql.TableDiscovery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay serve}: Spark's Thrift JDBC/ODBC server over the catalog, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the lake's tables by name over JDBC/ODBC (HiveServer2 protocol: Beeline, PyHive, Superset); Ctrl-C stops.")
public final class ServeCommand implements Callable<Integer> {
  /** How soon a table written by a job outside this metastore (another container) is named. */
  private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(30);
  private final AssayConfig config;

  @Option(names = "--host", description = "address to bind (default ASSAY_SQL_HOST or 127.0.0.1)")
  String host;

  @Option(names = "--port", description = "port (default ASSAY_SQL_PORT or 10000; 0 picks a free one)")
  Integer port;

  @Option(names = "--insecure", description = "allow a non-loopback address without ASSAY_SQL_USER / ASSAY_SQL_PASSWORD")
  boolean insecure;

  public ServeCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() throws InterruptedException {
    SqlEndpointSettings sql = config.sql().with(Optional.ofNullable(host), Optional.ofNullable(port), insecure);
    sql.checkSafeToBind();
    if (!config.catalog().enabled()) {
      throw new IllegalStateException("the SQL endpoint serves tables by name, and no catalog is configured (ASSAY_CATALOG=none):"
          + " set ASSAY_CATALOG=local (or hive, glue, unity)");
    }
    // Jobs started while the endpoint runs (ingest, transform) share the local metastore through this server.
    try (LocalMetastore metastore = config.catalog().kind() == CatalogSettings.Kind.LOCAL ? LocalMetastore.serve(config.catalog()) : null) {
      SparkSession spark = IngestStep.session(config);
      List<String> named = new LakeCatalog(spark).registerAll(config.lake());
      CountDownLatch stopped = new CountDownLatch(1);
      SqlEndpoint endpoint = SqlEndpoint.start(spark, sql);
      TableDiscovery discovery = TableDiscovery.every(DISCOVERY_INTERVAL, new LakeCatalog(spark), config.lake(), named);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        discovery.close();
        endpoint.close();
        stopped.countDown();
      }));
      System.out.println("SQL endpoint:     " + endpoint.jdbcUrl() + (sql.hasCredentials() ? "  (user " + sql.user().get() + ")" : ""));
      System.out.println("SQLAlchemy URI:   " + endpoint.sqlAlchemyUri() + (sql.hasCredentials() ? "?auth=CUSTOM" : ""));
      System.out.println("Tables:           " + named.size() + " in " + config.catalog() + " (./assay tables lists them)");
      System.out.println("Running; Ctrl-C stops.");
      System.out.flush();
      stopped.await();
    }
    return 0;
  }
}
