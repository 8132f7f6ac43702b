package io.assay.stack.registry;

import java.util.List;

/**
 * A request the registry refuses, with Confluent's HTTP status and error_code, so that clients
 * written for Confluent understand us. Control flow, not a bug: no stack trace is captured.
 */
final class RegistryError extends RuntimeException {

  private final int httpStatus;
  private final int errorCode;

  private RegistryError(int httpStatus, int errorCode, String message) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  int httpStatus() {
    return httpStatus;
  }

  int errorCode() {
    return errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(String subject, int version) {
    return new RegistryError(404, 40402, "Version " + version + " not found under subject '" + subject + "'.");
  }

  static RegistryError schemaNotFound(String subject) {
    return new RegistryError(404, 40403, "Schema not found under subject '" + subject + "'.");
  }

  static RegistryError schemaIdNotFound(int id) {
    return new RegistryError(404, 40403, "Schema " + id + " not found");
  }

  static RegistryError subjectCompatibilityNotFound(String subject) {
    return new RegistryError(404, 40408, "Subject '" + subject
        + "' does not have subject-level compatibility configured; add ?defaultToGlobal=true for the global level");
  }

  static RegistryError incompatible(String subject, String level, List<String> problems) {
    return new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for subject '"
        + subject + "' (compatibility " + level + "), details: " + problems);
  }

  static RegistryError invalidSchema(String detail) {
    return new RegistryError(422, 42201, "Invalid schema: " + detail);
  }

  static RegistryError invalidVersion(String given) {
    return new RegistryError(422, 42202, "The specified version '" + given
        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  static RegistryError invalidCompatibilityLevel(String given) {
    return new RegistryError(422, 42203, "Invalid compatibility level '" + given + "'. Valid values are "
        + "NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL and FULL_TRANSITIVE");
  }

  static RegistryError malformedRequest(String detail) {
    return new RegistryError(400, 400, "Malformed request body: " + detail);
  }

  static RegistryError malformedUri(String detail) {
    return new RegistryError(400, 400, "Malformed request URI: " + detail);
  }

  static RegistryError endpointNotFound() {
    return new RegistryError(404, 404, "HTTP 404 Not Found");
  }

  static RegistryError methodNotAllowed() {
    return new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
  }
}
