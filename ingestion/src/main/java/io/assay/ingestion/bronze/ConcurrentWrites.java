package io.assay.ingestion.bronze;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a micro-batch's independent writes (one Delta table each, or the dead-letter topic) at the same
 * time. On a small batch each write is mostly fixed cost on the driver (planning, Delta's commit and
 * the table state it rebuilds for the idempotence check), so one after the other leaves a core idle.
 * Every write keeps its own idempotence guard, so the order they finish in does not matter to a replayed
 * batch. The threads are made per batch from the batch's own thread, so they inherit its Spark job
 * properties.
 */
public final class ConcurrentWrites {
  private ConcurrentWrites() {}

  /**
   * Runs every named write, each timed under its name in {@code steps} and {@code batchMillis}; waits for
   * all of them, then rethrows the first failure (the batch fails and is replayed as a whole).
   */
  public static void run(StepTimes steps, Map<String, Long> batchMillis, Map<String, Runnable> writes) {
    if (writes.isEmpty()) {
      return;
    }
    Map<String, Long> millis = Collections.synchronizedMap(new LinkedHashMap<>());
    ExecutorService pool = Executors.newFixedThreadPool(writes.size(), runnable -> {
      Thread thread = new Thread(runnable, "assay-batch-write");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      writes.forEach((name, write) -> running.add(pool.submit(() -> steps.timed(millis, name, write))));
      RuntimeException failure = null;
      for (Future<?> write : running) {
        try {
          write.get();
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
          } else {
            failure.addSuppressed(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the batch's writes ran", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pool.shutdown();
      writes.keySet().forEach(name -> batchMillis.put(name, millis.getOrDefault(name, 0L)));
    }
  }
}
