package io.assay.schemas.contract;

import java.math.BigDecimal;

/** Compares the numbers Avro decodes (int, long, float, double, decimal) with a decimal bound. */
final class Numbers {
  private Numbers() {}

  /** NaN is in no range: it fails every bound. */
  static boolean isNaN(Object value) {
    return (value instanceof Double d && d.isNaN()) || (value instanceof Float f && f.isNaN());
  }

  /** Like {@code compareTo}, for any value but NaN (see {@link #isNaN}). */
  static int compare(Object value, BigDecimal bound) {
    if (value instanceof BigDecimal decimal) {
      return decimal.compareTo(bound);
    }
    if (value instanceof Integer || value instanceof Long) {
      return BigDecimal.valueOf(((Number) value).longValue()).compareTo(bound);
    }
    double d = ((Number) value).doubleValue();
    if (Double.isInfinite(d)) {
      return d > 0 ? 1 : -1;
    }
    return BigDecimal.valueOf(d).compareTo(bound);
  }

  /** Text for a violation: decimals in plain notation, keeping their scale. */
  static String show(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof java.util.Collection<?> list) {
      return "[" + list.size() + " items]";
    }
    return value.toString();
  }
}
