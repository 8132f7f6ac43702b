package io.assay.schemas.wire;

/** An event that does not fit its registered Avro schema; it never reaches Kafka. */
public class SchemaRejectedException extends RuntimeException {
  private final String topic;

  public SchemaRejectedException(String topic, String reason) {
    super(topic + ": " + reason);
    this.topic = topic;
  }

  public String topic() {
    return topic;
  }
}
