package io.assay.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** A benchmark's figures plus the machine they were measured on, printed and optionally written as JSON. */
public final class BenchReport {
  private final ObjectNode root = JsonFile.JSON.createObjectNode();

  public BenchReport(String benchmark) {
    root.put("benchmark", benchmark);
    ObjectNode machine = root.putObject("machine");
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      machine.put("memory_gib", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    }
    machine.put("java", System.getProperty("java.version"));
  }

  /** Seconds and ratios in reports: three decimals. */
  public static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  public ObjectNode figures() {
    return root;
  }

  /** Prints the JSON to stdout and, when a file is given, writes it there too. */
  public void emit(Path file) {
    System.out.println(JsonFile.text(root));
    if (file != null) {
      JsonFile.write(file, root);
      System.err.println("report written to " + file.toAbsolutePath());
    }
  }
}
