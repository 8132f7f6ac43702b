package io.assay.stack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath of the broker's own JVM, resolved by the {@code broker-runtime} module at build time.
 * Kafka 3.9's broker cannot share a classpath with Spark 3.5's Kafka 3.4 client.
 */
public final class BrokerClasspath {
  private BrokerClasspath() {}

  public static String resolve() {
    String explicit = System.getProperty("assay.broker.classpath");
    if (explicit != null && !explicit.isBlank()) {
      Path file = Path.of(explicit);
      return Files.isRegularFile(file) ? read(file) : explicit;
    }
    Path home = Path.of(System.getProperty("assay.home", "."));
    Path file = home.resolve("broker-runtime").resolve("target").resolve("broker.classpath");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Kafka broker classpath not found at " + file.toAbsolutePath()
          + ": run `mvn -pl broker-runtime package` (./assay does it for you), or set -Dassay.home to the project folder");
    }
    return read(file);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
