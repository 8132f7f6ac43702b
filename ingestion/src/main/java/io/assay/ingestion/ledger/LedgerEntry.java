package io.assay.ingestion.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Ground truth for one generated event: what was meant to happen to it and where it went.
 * Downstream layers reconcile against these rows exactly.
 *
 * @param amount the money amount as sent (plain decimal text), null when the event has none
 * @param fault the injected fault kind, null for a valid event
 * @param expectedCategory the dead-letter category the fault must produce downstream, if any
 * @param partition Kafka partition, -1 when not in Kafka
 * @param offset Kafka offset, -1 when not in Kafka
 * @param reason why the producer refused it or Kafka failed it
 * @param valueSha256 hex SHA-256 of the exact bytes sent, so every later copy can be proved identical
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntry(
    @JsonProperty("run_id") String runId,
    @JsonProperty("event_id") String eventId,
    @JsonProperty("topic") String topic,
    @JsonProperty("outcome") String outcome,
    @JsonProperty("fault") String fault,
    @JsonProperty("expected_category") String expectedCategory,
    @JsonProperty("amount") String amount,
    @JsonProperty("event_time") String eventTime,
    @JsonProperty("dimensions") Map<String, String> dimensions,
    @JsonProperty("partition") int partition,
    @JsonProperty("offset") long offset,
    @JsonProperty("reason") String reason,
    @JsonProperty("value_sha256") String valueSha256) {

  public Outcome outcomeKind() {
    return Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT));
  }

  public LedgerEntry delivered(Outcome outcome, int partition, long offset, String sha256) {
    return new LedgerEntry(runId, eventId, topic, outcome.key(), fault, expectedCategory, amount, eventTime, dimensions, partition, offset, reason, sha256);
  }

  public LedgerEntry failed(Outcome outcome, String why) {
    return new LedgerEntry(runId, eventId, topic, outcome.key(), fault, expectedCategory, amount, eventTime, dimensions, -1, -1, why, null);
  }

  /** Hex SHA-256 of a message value, as {@code value_sha256} holds it; null for a null value. */
  public static String sha256(byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(value));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
