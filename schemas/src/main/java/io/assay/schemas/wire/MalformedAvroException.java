package io.assay.schemas.wire;

import org.apache.avro.AvroRuntimeException;

/**
 * Bytes that are not valid Avro for the writer's schema: malformed UTF-8, a varint that overflows
 * its type, a negative or oversized length or block count, a bad union index, a record cut short.
 * Carries the rule that was broken, what was seen, and (once located) the field path, such as
 * {@code items[1].product_name}. No stack trace: rogue payloads can throw one per record.
 */
public final class MalformedAvroException extends AvroRuntimeException {
  private final String rule;
  private final String observed;
  private String path = "";

  MalformedAvroException(String rule, String observed) {
    super(rule);
    this.rule = rule;
    this.observed = observed;
  }

  static MalformedAvroException truncated(String what) {
    return new MalformedAvroException("truncated or corrupt Avro: the bytes end inside " + what, null);
  }

  /** Any other failure of Avro's reader on these bytes, e.g. a union index past the last branch. */
  static MalformedAvroException of(Throwable failure) {
    if (failure instanceof MalformedAvroException malformed) {
      return malformed;
    }
    String message = failure.getMessage();
    return new MalformedAvroException("truncated or corrupt Avro: " + failure.getClass().getSimpleName()
        + (message == null ? "" : ": " + message), null);
  }

  /** The rule in words, e.g. {@code a string is well-formed UTF-8 (byte 0xff at 4 is not)}. */
  public String rule() {
    return rule;
  }

  /** What was read, readable (malformed bytes as {@code \xNN}), or null. */
  public String observed() {
    return observed;
  }

  /** The field where the bytes break, e.g. {@code shipping_address.city}; empty when not known. */
  public String path() {
    return path;
  }

  MalformedAvroException withinField(String name) {
    path = path.isEmpty() ? name : path.startsWith("[") ? name + path : name + "." + path;
    return this;
  }

  MalformedAvroException withinElement(long index) {
    path = "[" + index + "]" + (path.isEmpty() || path.startsWith("[") ? path : "." + path);
    return this;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
