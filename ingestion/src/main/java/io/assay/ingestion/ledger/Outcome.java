package io.assay.ingestion.ledger;

import java.util.Locale;

/** What became of one generated event at the producer. */
public enum Outcome {
  /** Valid; in Kafka. */
  SENT,
  /** Fits the schema, breaks the contract on purpose; in Kafka for the streaming job to catch. */
  SENT_FAULTY,
  /** Raw corrupt bytes written past the serializer; in Kafka. */
  SENT_CORRUPT,
  /** The serializer refused it; never in Kafka. */
  REJECTED_AT_PRODUCER,
  /** Kafka did not acknowledge it (broker down, timeout); not in Kafka. */
  SEND_FAILED;

  public boolean inKafka() {
    return this == SENT || this == SENT_FAULTY || this == SENT_CORRUPT;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
