package io.assay.schemas.registry;

/** The registry answered with an error: Confluent's {@code error_code} and {@code message}. */
public class RegistryException extends RuntimeException {
  private final int errorCode;
  private final int httpStatus;

  public RegistryException(int httpStatus, int errorCode, String message) {
    super("schema registry error " + errorCode + " (HTTP " + httpStatus + "): " + message);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
