package io.assay.ingestion.produce;

import io.assay.schemas.contract.Contract;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;

/** Makes realistic, contract-valid events for one topic. Faults are injected afterwards, generically. */
public interface EventGenerator {
  Contract contract();

  /** A new valid event that happened at {@code now}. */
  GenericRecord next(Instant now);
}
