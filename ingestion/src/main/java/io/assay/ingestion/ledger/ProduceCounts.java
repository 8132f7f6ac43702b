package io.assay.ingestion.ledger;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counts a producer run reports: events in Kafka per topic, refused at the producer per topic,
 * injected faults per kind. Kept live by the producer and recomputed from the ledger, so the two
 * can be compared.
 */
public final class ProduceCounts {
  private final Map<String, Long> produced = new TreeMap<>();
  private final Map<String, Long> rejectedAtProducer = new TreeMap<>();
  private final Map<String, Long> faultsInjected = new TreeMap<>();
  private final Map<String, Long> sendFailed = new TreeMap<>();

  public synchronized void record(LedgerEntry entry) {
    produced.putIfAbsent(entry.topic(), 0L);
    rejectedAtProducer.putIfAbsent(entry.topic(), 0L);
    Outcome outcome = entry.outcomeKind();
    if (outcome.inKafka()) {
      produced.merge(entry.topic(), 1L, Long::sum);
    } else if (outcome == Outcome.REJECTED_AT_PRODUCER) {
      rejectedAtProducer.merge(entry.topic(), 1L, Long::sum);
    } else {
      sendFailed.merge(entry.topic(), 1L, Long::sum);
    }
    if (entry.fault() != null) {
      faultsInjected.merge(entry.fault(), 1L, Long::sum);
    }
  }

  public synchronized Map<String, Long> produced() {
    return Map.copyOf(produced);
  }

  public synchronized Map<String, Long> rejectedAtProducer() {
    return Map.copyOf(rejectedAtProducer);
  }

  public synchronized Map<String, Long> faultsInjected() {
    return Map.copyOf(faultsInjected);
  }

  public synchronized Map<String, Long> sendFailed() {
    return Map.copyOf(sendFailed);
  }

  public synchronized long total() {
    return produced.values().stream().mapToLong(Long::longValue).sum()
        + rejectedAtProducer.values().stream().mapToLong(Long::longValue).sum()
        + sendFailed.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public synchronized boolean equals(Object other) {
    return other instanceof ProduceCounts that
        && produced.equals(that.produced()) && rejectedAtProducer.equals(that.rejectedAtProducer())
        && faultsInjected.equals(that.faultsInjected()) && sendFailed.equals(that.sendFailed());
  }

  @Override
  public synchronized int hashCode() {
    return produced.hashCode() ^ faultsInjected.hashCode();
  }

  @Override
  public synchronized String toString() {
    return "produced=" + produced + " rejected_at_producer=" + rejectedAtProducer
        + " faults_injected=" + faultsInjected + " send_failed=" + sendFailed;
  }
}
