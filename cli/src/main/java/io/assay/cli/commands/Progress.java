package io.assay.cli.commands;

import io.assay.ingestion.produce.ProgressListener;

/** A progress line on stderr, so stdout stays clean JSON. */
final class Progress {
  private Progress() {}

  static ProgressListener toStderr(String stage) {
    return (done, total, rate) -> System.err.printf("%s: %,d/%,d events (%,.0f/s)%n", stage, done, total, rate);
  }
}
