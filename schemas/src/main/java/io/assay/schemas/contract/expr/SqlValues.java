package io.assay.schemas.contract.expr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.util.Utf8;

/**
 * Comparison and arithmetic on the values Avro decodes, as Spark SQL does them: integers and
 * decimals exactly (decimals compare by value, so 1.0 = 1.00), anything with a double as doubles.
 */
final class SqlValues {
  private SqlValues() {}

  static boolean isIntegral(Object v) {
    return v instanceof Long || v instanceof Integer;
  }

  static boolean isFloating(Object v) {
    return v instanceof Double || v instanceof Float;
  }

  static int compareNumbers(Object a, Object b) {
    if (isIntegral(a) && isIntegral(b)) {
      return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    if (isFloating(a) || isFloating(b)) {
      return compareDoubles(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    return decimal(a).compareTo(decimal(b));
  }

  /** Spark's order for doubles: NaN equals NaN and is above everything; -0.0 equals 0.0. */
  private static int compareDoubles(double x, double y) {
    if (x == y) {
      return 0;
    }
    if (Double.isNaN(x)) {
      return Double.isNaN(y) ? 0 : 1;
    }
    if (Double.isNaN(y)) {
      return -1;
    }
    return x < y ? -1 : 1;
  }

  static Object arithmetic(Ast.ArithmeticOp op, Object a, Object b) {
    if (isIntegral(a) && isIntegral(b)) {
      long x = ((Number) a).longValue();
      long y = ((Number) b).longValue();
      try {
        return switch (op) {
          case PLUS -> Math.addExact(x, y);
          case MINUS -> Math.subtractExact(x, y);
          case TIMES -> Math.multiplyExact(x, y);
        };
      } catch (ArithmeticException overflow) {
        return exact(op, BigDecimal.valueOf(x), BigDecimal.valueOf(y)); // never wraps around
      }
    }
    if (isFloating(a) || isFloating(b)) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      return switch (op) {
        case PLUS -> x + y;
        case MINUS -> x - y;
        case TIMES -> x * y;
      };
    }
    return exact(op, decimal(a), decimal(b));
  }

  static Object negate(Object v) {
    if (v instanceof Integer i) {
      return -(long) i;
    }
    if (v instanceof Long l) {
      return l == Long.MIN_VALUE ? BigDecimal.valueOf(l).negate() : (Object) (-l);
    }
    if (v instanceof BigDecimal d) {
      return d.negate();
    }
    return -((Number) v).doubleValue();
  }

  private static BigDecimal exact(Ast.ArithmeticOp op, BigDecimal x, BigDecimal y) {
    return switch (op) {
      case PLUS -> x.add(y);
      case MINUS -> x.subtract(y);
      case TIMES -> x.multiply(y);
    };
  }

  private static BigDecimal decimal(Object v) {
    return v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue());
  }

  /** String equality for Avro's {@link Utf8} or Java strings, without decoding a Utf8 when comparing with a literal. */
  static boolean stringEquals(Object value, String literal, byte[] literalUtf8) {
    if (value instanceof Utf8 utf8) {
      return utf8.getByteLength() == literalUtf8.length
          && Arrays.equals(utf8.getBytes(), 0, literalUtf8.length, literalUtf8, 0, literalUtf8.length);
    }
    return literal.contentEquals((CharSequence) value);
  }

  static boolean stringEquals(Object a, Object b) {
    if (a instanceof Utf8 x && b instanceof Utf8 y) {
      return x.equals(y);
    }
    return a.toString().contentEquals((CharSequence) b);
  }

  static byte[] utf8(String literal) {
    return literal.getBytes(StandardCharsets.UTF_8);
  }
}
