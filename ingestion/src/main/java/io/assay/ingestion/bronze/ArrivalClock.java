package io.assay.ingestion.bronze;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that reads the arrival time of the record being validated; one per task, set before each record. */
public final class ArrivalClock extends Clock {
  private Instant now = Instant.EPOCH;

  public void set(Timestamp arrivedAt) {
    set(arrivedAt == null ? null : arrivedAt.toInstant());
  }

  /** @param arrivedAt the record's Kafka timestamp; null (no timestamp) judges it as of now */
  public void set(Instant arrivedAt) {
    now = arrivedAt == null ? Instant.now() : arrivedAt;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("an arrival clock is always UTC");
  }
}
