package io.assay.cli.it;

import io.assay.ingestion.bronze.BronzeHarness;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Starts the command line or spark-submit in JVMs of their own, pointed at a test's stack and lake. */
public final class ChildProcesses {
  private ChildProcesses() {}

  /**
   * The environment that points a child at the harness's broker, registry and lake. Tables by path
   * only ({@code ASSAY_CATALOG=none}): these children test ingestion, and SqlEndpointIT sets the
   * catalog it tests itself. No OpenLineage listener: none of these tests reads lineage (the shared
   * demo's and the airflow runs' events are checked by the airflow suite), and it costs a Delta file
   * listing per table a query reads (openlineage-spark 1.53 asks every relation for its input files).
   */
  public static Map<String, String> environment(BronzeHarness harness, Path dataDir, long maxOffsetsPerTrigger) {
    Map<String, String> env = new TreeMap<>();
    env.put("ASSAY_KAFKA_BOOTSTRAP", harness.stack.bootstrapServers());
    env.put("ASSAY_REGISTRY_URL", harness.stack.registryUrl().toString());
    env.put("ASSAY_DATA_DIR", dataDir.toString());
    env.put("ASSAY_LAKE_ROOT", harness.lake.root());
    env.put("ASSAY_CHECKPOINT_ROOT", harness.lake.checkpointRoot());
    env.put("ASSAY_MAX_OFFSETS_PER_TRIGGER", Long.toString(maxOffsetsPerTrigger));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("ASSAY_CATALOG", "none");
    env.put("ASSAY_OPENLINEAGE_DISABLED", "true");
    return env;
  }

  /** {@code assay <args>} on this test's classpath, with the same JVM flags (Spark's opens, its test settings). */
  public static Process assay(Map<String, String> env, Path log, String... args) throws Exception {
    return assayWithHeap("2g", env, log, args);
  }

  /** {@code assay <args>} as {@link #assay}, with this maximum heap ({@code -Xmx}). */
  public static Process assayWithHeap(String heap, Map<String, String> env, Path log, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(command::add);
    command.addAll(sparkSettings());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.assay.cli.Assay");
    command.addAll(List.of(args));
    return start(command, env, log);
  }

  /** This JVM's Spark settings from its command line ({@code -Dspark.*}: the pom's test.spark.opts), for a child's JVM. */
  public static List<String> sparkSettings() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Dspark.")).toList();
  }

  public static Process start(List<String> command, Map<String, String> env, Path log) throws Exception {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return builder.start();
  }

  public static int await(Process process, long minutes, Path log) throws Exception {
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("child did not finish within " + minutes + " min; log:\n" + tail(log));
    }
    return process.exitValue();
  }

  public static String tail(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** The log's last lines for an assertion message, or a note when it cannot be read. */
  public static String tailOrNote(Path log) {
    try {
      return tail(log);
    } catch (Exception e) {
      return "(no log at " + log + ")";
    }
  }
}
