package io.assay.ingestion.kafka;

/** No Kafka broker answered at the configured address. */
public class BrokerUnreachableException extends RuntimeException {
  public BrokerUnreachableException(String bootstrapServers, Throwable cause) {
    super("no Kafka broker answered at " + bootstrapServers + " (" + rootMessage(cause) + "): start the local one with"
        + " `./assay up`, or point ASSAY_KAFKA_BOOTSTRAP at a running cluster", cause);
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
