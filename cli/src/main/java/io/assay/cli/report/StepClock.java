package io.assay.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Wall time of consecutive steps of a run, each written to a report section in seconds as it ends. */
public final class StepClock {
  private final ObjectNode seconds;
  private long lapStarted = System.nanoTime();

  public StepClock(ObjectNode seconds) {
    this.seconds = seconds;
  }

  /** Records the time since the previous lap (or the clock's start) under {@code step}. */
  public void lap(String step) {
    long now = System.nanoTime();
    seconds.put(step, BenchReport.round((now - lapStarted) / 1e9));
    lapStarted = now;
  }
}
