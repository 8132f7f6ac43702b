package io.assay.schemas.contract.expr;

/** A rule expression that cannot be parsed or type-checked; {@link #column()} points into its text. */
public final class ExpressionException extends RuntimeException {
  private final int column;

  ExpressionException(String problem, int column) {
    super(problem);
    this.column = column;
  }

  /** 1-based position in the expression text where the problem is. */
  public int column() {
    return column;
  }
}
