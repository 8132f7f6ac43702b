package io.assay.schemas.contract.expr;

import java.util.Locale;

/** What a name or sub-expression in a rule holds, as far as the type checker is concerned. */
public enum ValueType {
  STRING, INTEGRAL, DECIMAL, DOUBLE, BOOLEAN, ARRAY, RECORD;

  boolean isNumeric() {
    return this == INTEGRAL || this == DECIMAL || this == DOUBLE;
  }

  @Override
  public String toString() {
    return this == INTEGRAL ? "integer" : name().toLowerCase(Locale.ROOT);
  }
}
