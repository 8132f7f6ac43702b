package io.assay.schemas.contract.expr;

/** SQL's three truth values as small ints, so evaluation allocates nothing. */
final class Truth {
  static final int FALSE = 0;
  static final int TRUE = 1;
  static final int UNKNOWN = 2;

  private Truth() {}

  static int of(boolean value) {
    return value ? TRUE : FALSE;
  }

  static int not(int t) {
    return t == UNKNOWN ? UNKNOWN : 1 - t;
  }
}
