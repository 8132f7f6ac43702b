package io.assay.stack.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP status and the value to send as its JSON body. */
record JsonReply(int status, Object body) {

  static JsonReply ok(Object body) {
    return new JsonReply(200, body);
  }

  /** Confluent's error body: {"error_code": N, "message": "..."}. */
  static JsonReply error(int status, int errorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", errorCode);
    body.put("message", message);
    return new JsonReply(status, body);
  }

  static JsonReply of(RegistryError error) {
    return error(error.httpStatus(), error.errorCode(), error.getMessage());
  }
}
