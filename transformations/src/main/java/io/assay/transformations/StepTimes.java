package io.assay.transformations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time per table and step (stage, gate, commit, write), in the order first seen; for benchmarks and logs. */
public final class StepTimes {
  private final Map<String, Map<String, Long>> nanos = new LinkedHashMap<>();

  public synchronized void add(String table, String step, long elapsedNanos) {
    nanos.computeIfAbsent(table, t -> new LinkedHashMap<>()).merge(step, elapsedNanos, Long::sum);
  }

  /** Runs {@code work} and adds its wall time under {@code table}/{@code step}. */
  public <T> T time(String table, String step, Supplier<T> work) {
    long started = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(table, step, System.nanoTime() - started);
    }
  }

  /** Table → step → seconds. */
  public synchronized Map<String, Map<String, Double>> seconds() {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    nanos.forEach((table, steps) -> {
      Map<String, Double> s = new LinkedHashMap<>();
      steps.forEach((step, n) -> s.put(step, n / 1e9));
      out.put(table, s);
    });
    return out;
  }
}
