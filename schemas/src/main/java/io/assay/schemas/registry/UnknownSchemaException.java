package io.assay.schemas.registry;

/** The registry has no such schema (Confluent error_code 40403), e.g. a message names an id it never issued. */
public class UnknownSchemaException extends RegistryException {

  public static final int ERROR_CODE = 40403;

  public UnknownSchemaException(int httpStatus, String message) {
    super(ERROR_CODE, httpStatus, message);
  }
}
