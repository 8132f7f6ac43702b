package io.assay.ingestion.produce;

import java.util.List;

/**
 * One producer run.
 *
 * @param events total events, split evenly over the topics
 * @param eventsPerSecond pacing for all topics together; 0 means as fast as Kafka takes them
 * @param faultRate share of events broken on purpose, 0..1
 * @param topics which topics to produce to
 * @param seed makes the generated data repeatable
 */
public record ProduceOptions(long events, double eventsPerSecond, double faultRate, List<String> topics, long seed) {
  public ProduceOptions {
    if (events < 0) {
      throw new IllegalArgumentException("--events must be 0 or more, got " + events);
    }
    if (eventsPerSecond < 0) {
      throw new IllegalArgumentException("--rate must be 0 (unlimited) or more, got " + eventsPerSecond);
    }
    if (faultRate < 0 || faultRate > 1) {
      throw new IllegalArgumentException("--fault-rate must be between 0 and 1, got " + faultRate);
    }
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("no topics to produce to");
    }
    topics = List.copyOf(topics);
  }
}
