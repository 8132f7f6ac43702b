package io.assay.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark's figures plus the machine they were measured on, printed and optionally written as JSON. */
public final class BenchReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final ObjectNode root = JSON.createObjectNode();

  public BenchReport(String benchmark) {
    root.put("benchmark", benchmark);
    ObjectNode machine = root.putObject("machine");
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      machine.put("memory_gib", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    }
    machine.put("java", System.getProperty("java.version"));
  }

  public ObjectNode figures() {
    return root;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints the JSON to stdout and, when a file is given, writes it there too. */
  public void emit(Path file) {
    System.out.println(toJson());
    if (file != null) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson() + System.lineSeparator());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the report to " + file, e);
      }
      System.err.println("report written to " + file.toAbsolutePath());
    }
  }
}
