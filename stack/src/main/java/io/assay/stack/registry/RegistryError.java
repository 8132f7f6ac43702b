package io.assay.stack.registry;

/** An error answer in Confluent's shape: HTTP status, {@code error_code}, {@code message}. */
final class RegistryError extends RuntimeException {
  final int httpStatus;
  final int errorCode;

  RegistryError(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(String version) {
    return new RegistryError(404, 40402, "Version " + version + " not found.");
  }

  static RegistryError schemaNotFound(String what) {
    return new RegistryError(404, 40403, "Schema " + what + " not found");
  }

  static RegistryError invalidSchema(String detail) {
    return new RegistryError(422, 42201, "Invalid schema: " + detail);
  }

  static RegistryError invalidCompatibility(String level) {
    return new RegistryError(422, 42203, "Invalid compatibility level: " + level
        + " (use NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE)");
  }
}
