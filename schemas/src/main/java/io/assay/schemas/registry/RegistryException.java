package io.assay.schemas.registry;

/**
 * The registry answered, but refused the request. Carries Confluent's {@code error_code}
 * (e.g. 40401 subject not found, 409 incompatible schema, 42201 invalid schema) and HTTP status.
 */
public class RegistryException extends RuntimeException {

  private final int errorCode;
  private final int httpStatus;

  /**
   * @param errorCode Confluent's error_code; the HTTP status when an error answer carried none;
   *     0 when a successful answer could not be understood
   */
  public RegistryException(int errorCode, int httpStatus, String message) {
    super(message);
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
