package io.assay.stack.registry;

/**
 * A request the HTTP layer refuses before any route sees it (oversized, malformed framing); the
 * connection is answered with a Confluent-style JSON error and then closed.
 */
final class HttpProblem extends Exception {
  private final int status;

  HttpProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static HttpProblem badRequest(String message) {
    return new HttpProblem(400, message);
  }

  static HttpProblem tooLarge(long bytes, int limit) {
    return new HttpProblem(413, "Request body of " + bytes + " bytes exceeds the limit of " + limit
        + " bytes (ASSAY_REGISTRY_MAX_REQUEST_BYTES)");
  }
}
