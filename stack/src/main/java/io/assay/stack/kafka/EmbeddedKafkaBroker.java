package io.assay.stack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (Kafka's own server, from Maven Central) in a child JVM.
 * Its data lives under the data folder, so a restart keeps topics and committed offsets.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final int port;
  private final Path logFile;
  private final Thread shutdownHook;

  private EmbeddedKafkaBroker(Process process, int port, Path logFile) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::stopProcess, "kafka-broker-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts the broker and returns once it answers; a taken port or a failed start is a clear error. */
  public static EmbeddedKafkaBroker start(BrokerSettings settings) {
    int port = choosePort(settings.port(), "Kafka port", "--kafka-port / ASSAY_KAFKA_PORT");
    int controllerPort = choosePort(settings.controllerPort(), "Kafka controller port", "a free controller port");
    Path home = settings.dataDir().resolve("kafka").toAbsolutePath();
    Path logs = home.resolve("logs");
    Path config = home.resolve("server.properties");
    Path logFile = home.resolve("broker.log");
    try {
      Files.createDirectories(logs);
      writeConfig(config, port, controllerPort, logs, settings.defaultPartitions());
      String classpath = BrokerClasspath.resolve();
      if (!Files.exists(logs.resolve("meta.properties"))) {
        runToCompletion(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(home), "-c", config.toString()), classpath, logFile);
      }
      Process process = java(List.of("kafka.Kafka", config.toString()), classpath, logFile).start();
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(process, port, logFile);
      try {
        broker.awaitReady();
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      LOG.info("Kafka broker {} up, data in {}", broker.bootstrapServers(), home);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker in " + home, e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the broker as a crash would: SIGKILL, no clean shutdown. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook does the same job
    }
  }

  private void stopProcess() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy(); // SIGTERM: Kafka shuts down cleanly
    if (!waitFor(Duration.ofSeconds(20))) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(10));
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the Kafka broker exited during start-up (code " + process.exitValue() + "):\n" + tail(logFile));
        }
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (Exception notYet) {
          sleep(250);
        }
      }
    }
    throw new IllegalStateException("the Kafka broker did not answer within " + START_TIMEOUT.toSeconds() + " s:\n" + tail(logFile));
  }

  private static void writeConfig(Path file, int port, int controllerPort, Path logs, int partitions) throws IOException {
    List<String> lines = List.of(
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "inter.broker.listener.name=PLAINTEXT",
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + logs,
        "num.partitions=" + partitions,
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=4",
        "group.initial.rebalance.delay.ms=0",
        "log.flush.interval.messages=10000",
        "log.retention.hours=-1",
        "log.retention.bytes=-1",
        "message.max.bytes=8388608");
    Files.write(file, lines);
  }

  /** The cluster id is made once and kept beside the data, as {@code kafka-storage random-uuid} would. */
  private static String clusterId(Path home) throws IOException {
    Path file = home.resolve("cluster.id");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    String id;
    do { // like Kafka's Uuid.randomUuid: an id starting with '-' would read as a command-line flag
      UUID uuid = UUID.randomUUID();
      byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    Files.writeString(file, id);
    return id;
  }

  private static ProcessBuilder java(List<String> mainAndArgs, String classpath, Path logFile) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(),
        "-Xmx" + System.getenv().getOrDefault("ASSAY_BROKER_HEAP", "512m"),
        "-XX:+UseG1GC", "-Djava.awt.headless=true", "-Dlog4j.configuration=" + log4jConfig(logFile), "-cp", classpath));
    // Extra JVM flags for the broker's own JVM (./assay test makes its many short-lived brokers cheaper to start).
    String extra = System.getenv().getOrDefault("ASSAY_BROKER_JAVA_OPTS", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(1, List.of(extra.split("\\s+")));
    }
    command.addAll(mainAndArgs);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
  }

  private static void runToCompletion(List<String> mainAndArgs, String classpath, Path logFile) throws IOException {
    Process process = java(mainAndArgs, classpath, logFile).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("formatting Kafka's storage failed:\n" + tail(logFile));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka's storage", e);
    }
  }

  /** A reload4j configuration for the broker: INFO to its own log file, which start-up errors quote. */
  private static String log4jConfig(Path logFile) {
    Path config = logFile.resolveSibling("log4j.properties");
    try {
      Files.writeString(config, String.join("\n",
          "log4j.rootLogger=INFO, stdout",
          "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
          "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
          "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
          "log4j.logger.kafka=INFO",
          "log4j.logger.org.apache.kafka=INFO",
          "log4j.logger.kafka.request.logger=WARN",
          "log4j.logger.state.change.logger=WARN") + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config.toUri().toString();
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Probes the port the way the broker binds it, with address reuse on: a port whose last
   * connections are still in TIME_WAIT after a clean stop is free to the broker, so it is free here.
   */
  static int choosePort(int requested, String what, String howToChange) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requested));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(what + " " + requested + " is already in use: stop whatever holds it or choose another port ("
          + howToChange + ")");
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no broker log at " + file + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }
}
