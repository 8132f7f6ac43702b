package io.assay.ingestion.bronze;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a streaming job's micro-batches spend their time, step by step, summed over every batch it ran:
 * the per-batch log line and the benchmark's per-step split come from the same clock.
 */
public final class StepTimes {
  private final Map<String, Long> totalMillis = new LinkedHashMap<>();

  /** Runs one step of a batch, adds its wall time to the step's total and to {@code batch}, the batch's own split. */
  public void timed(Map<String, Long> batch, String step, Runnable work) {
    long started = System.nanoTime();
    work.run();
    long millis = (System.nanoTime() - started) / 1_000_000;
    batch.merge(step, millis, Long::sum);
    synchronized (totalMillis) {
      totalMillis.merge(step, millis, Long::sum);
    }
  }

  /** Each step's total milliseconds so far, in the order steps first ran. */
  public Map<String, Long> totals() {
    synchronized (totalMillis) {
      return new LinkedHashMap<>(totalMillis);
    }
  }
}
