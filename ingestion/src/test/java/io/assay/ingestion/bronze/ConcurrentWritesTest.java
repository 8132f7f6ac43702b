package io.assay.ingestion.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrentWritesTest {

  @Test
  void writesRunAtTheSameTimeAndEachIsTimedUnderItsName() {
    CountDownLatch bothStarted = new CountDownLatch(2);
    Runnable waitsForTheOther = () -> {
      bothStarted.countDown();
      try {
        // One after the other, the first write would wait here for a second that never starts.
        assertTrue(bothStarted.await(30, TimeUnit.SECONDS), "the other write did not run at the same time");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    Map<String, Long> batch = new LinkedHashMap<>();
    StepTimes steps = new StepTimes();
    Map<String, Runnable> writes = new LinkedHashMap<>();
    writes.put("orders", waitsForTheOther);
    writes.put("dlq_table", waitsForTheOther);

    ConcurrentWrites.run(steps, batch, writes);

    assertEquals(List.of("orders", "dlq_table"), List.copyOf(batch.keySet()));
    assertEquals(batch.keySet(), steps.totals().keySet());
  }

  @Test
  void aFailedWriteFailsTheBatchAfterTheOthersFinished() {
    IllegalStateException broken = new IllegalStateException("table is gone");
    AtomicBoolean slowOneFinished = new AtomicBoolean();
    Map<String, Runnable> writes = new LinkedHashMap<>();
    writes.put("orders", () -> {
      throw broken;
    });
    writes.put("payments", () -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      slowOneFinished.set(true);
    });

    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> ConcurrentWrites.run(new StepTimes(), new LinkedHashMap<>(), writes));

    assertSame(broken, thrown);
    assertTrue(slowOneFinished.get(), "the batch fails only once every write has ended");
  }
}
