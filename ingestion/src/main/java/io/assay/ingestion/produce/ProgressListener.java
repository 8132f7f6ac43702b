package io.assay.ingestion.produce;

/** Told how a long run is going, every few seconds. */
@FunctionalInterface
public interface ProgressListener {
  void progress(long done, long total, double eventsPerSecond);

  ProgressListener SILENT = (done, total, rate) -> {};
}
