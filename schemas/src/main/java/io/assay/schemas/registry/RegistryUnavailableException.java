package io.assay.schemas.registry;

import java.net.URI;

/**
 * The registry could not be reached or failed on its side (connection refused, timeout, HTTP 5xx).
 * Unlike {@link RegistryException} the request itself may be fine, so retrying later can help.
 */
public class RegistryUnavailableException extends RuntimeException {

  private final URI url;

  public RegistryUnavailableException(URI url, String message, Throwable cause) {
    super(message, cause);
    this.url = url;
  }

  /** The URL of the request that failed. */
  public URI url() {
    return url;
  }
}
