package io.assay.cli.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings from the process environment, falling back to a {@code .env} file (KEY=value lines) in
 * the working directory: the only places secrets come from.
 */
public final class Environment {
  private final Map<String, String> values;

  private Environment(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Environment load(Path dotEnv) {
    Map<String, String> values = new HashMap<>(readDotEnv(dotEnv));
    values.putAll(System.getenv()); // the real environment wins over .env
    return new Environment(values);
  }

  public static Environment of(Map<String, String> values) {
    return new Environment(values);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  public String get(String name, String fallback) {
    return get(name).orElse(fallback);
  }

  public int getInt(String name, int fallback) {
    String value = get(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + value + " is not a whole number");
    }
  }

  private static Map<String, String> readDotEnv(Path file) {
    Map<String, String> values = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return values;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
          continue;
        }
        String key = trimmed.substring(0, trimmed.indexOf('=')).trim().replaceFirst("^export\\s+", "");
        String value = trimmed.substring(trimmed.indexOf('=') + 1).trim();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(key, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return values;
  }
}
