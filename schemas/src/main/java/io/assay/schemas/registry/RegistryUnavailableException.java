package io.assay.schemas.registry;

/** The registry could not be reached or failed on its side (5xx): an outage, not an answer. */
public class RegistryUnavailableException extends RuntimeException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
