package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.steps.IngestStep;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay ingest}: the Spark Structured Streaming job Kafka → Bronze + dead letters + metrics. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Stream the topics into Bronze Delta tables, dead letters to bronze_dlq_audit and the DLQ topic.")
public final class IngestCommand implements Callable<Integer> {
  private final AssayConfig config;

  @Option(names = "--available-now", description = "drain what is in Kafka now, then stop")
  boolean availableNow;

  @Option(names = "--trigger", defaultValue = "10s",
      description = "micro-batch interval when running continuously, e.g. 10s, 1m (default ${DEFAULT-VALUE})")
  String trigger;

  public IngestCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    IngestStep.run(config, availableNow ? Optional.empty() : Optional.of(parse(trigger)));
    return 0;
  }

  static Duration parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("--trigger '" + text + "' is not a duration such as 500ms, 10s or 1m");
  }
}
