package io.assay.lake.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.hive.ql.session.SessionState;
import org.apache.hive.service.Service;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * Spark's Thrift JDBC/ODBC server (HiveServer2 protocol, binary transport) over a session with a
 * catalog and Delta: Beeline, JDBC ({@code jdbc:hive2://host:port/default}), PyHive and Superset
 * ({@code hive://host:port/default}) query the lake's tables by name. It runs inside this JVM, on
 * the session's own SparkContext, until {@link #close()}.
 */
public final class SqlEndpoint implements AutoCloseable {
  private final HiveThriftServer2 server;
  private final int port;
  private final String host;

  private SqlEndpoint(HiveThriftServer2 server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  /** Starts the server; refuses an unprotected non-loopback address and a session without a catalog. */
  public static SqlEndpoint start(SparkSession spark, SqlEndpointSettings settings) {
    settings.checkSafeToBind();
    if (!"hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"))) {
      throw new IllegalStateException("the SQL endpoint needs a catalog to find tables by name, and this session has none"
          + " (ASSAY_CATALOG=none?): use local, hive, glue or unity");
    }
    Map<String, String> hive = new LinkedHashMap<>();
    hive.put("hive.server2.thrift.bind.host", settings.host());
    hive.put("hive.server2.thrift.port", Integer.toString(settings.port()));
    hive.put("hive.server2.transport.mode", "binary");
    if (settings.hasCredentials()) {
      PasswordCheck.expect(settings.user().orElseThrow(), settings.password().orElseThrow());
      hive.put("hive.server2.authentication", "CUSTOM");
      hive.put("hive.server2.custom.authentication.class", PasswordCheck.class.getName());
      // Each login builds its authenticator from a fresh HiveConf, which sees only system properties.
      System.setProperty("hive.server2.custom.authentication.class", PasswordCheck.class.getName());
    } else {
      hive.put("hive.server2.authentication", "NONE");
    }
    hive.forEach((key, value) -> spark.conf().set(key, value));
    // With Spark's built-in Hive, the server reuses this thread's Hive session state when the
    // metastore client already made one (it has, once a table was named), and reads its settings
    // from there, not from the Spark session: without this it would listen on every interface.
    SessionState existing = SessionState.get();
    if (existing != null) {
      hive.forEach((key, value) -> existing.getConf().set(key, value));
    }
    HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
    SqlEndpoint endpoint = new SqlEndpoint(server, settings.host(), boundPort(server, settings.port()));
    endpoint.checkServerTook(hive);
    return endpoint;
  }

  /** Stops the server if it is not configured as asked (address, authentication): never serve open by accident. */
  private void checkServerTook(Map<String, String> hive) {
    for (Map.Entry<String, String> wanted : hive.entrySet()) {
      String actual = server.getHiveConf().get(wanted.getKey());
      if (!wanted.getKey().endsWith(".port") && !wanted.getValue().equals(actual)) {
        close();
        throw new IllegalStateException("the SQL endpoint did not take " + wanted.getKey() + "=" + wanted.getValue()
            + " (it has " + actual + "); stopped it rather than serve with other settings");
      }
    }
  }

  /** The port the server listens on (the chosen one when started with port 0). */
  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return "jdbc:hive2://" + host + ":" + port + "/default";
  }

  public String sqlAlchemyUri() {
    return "hive://" + host + ":" + port + "/default";
  }

  private static int boundPort(HiveThriftServer2 server, int requested) {
    for (Service service : server.getServices()) {
      if (service instanceof ThriftCLIService thrift) {
        for (int i = 0; i < 300 && thrift.getPortNumber() == 0; i++) {
          sleep();
        }
        return thrift.getPortNumber();
      }
    }
    return requested;
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
