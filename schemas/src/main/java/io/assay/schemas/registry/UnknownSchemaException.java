package io.assay.schemas.registry;

/** Error 40403: the registry never issued this schema id. */
public class UnknownSchemaException extends RegistryException {
  public UnknownSchemaException(int httpStatus, int errorCode, String message) {
    super(httpStatus, errorCode, message);
  }
}
