package io.assay.schemas.wire;

import io.assay.schemas.contract.ContractViolation;
import org.apache.avro.generic.GenericRecord;

/** What came of decoding one Kafka message: a record in the topic's schema, or why not. */
public sealed interface DecodeResult {
  /** The schema id from the header, or -1 where the header could not be read. */
  int schemaId();

  record Decoded(GenericRecord record, int schemaId) implements DecodeResult {}

  record Undecodable(ContractViolation violation, int schemaId) implements DecodeResult {}
}
