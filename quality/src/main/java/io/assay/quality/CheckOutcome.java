package io.assay.quality;

/**
 * One check's result, as stored in {@code quality_results}: the observed metric and the bound it was
 * held to are readable strings so a report or a dashboard can show them as they are.
 */
public record CheckOutcome(
    String layer,
    String table,
    String checkName,
    String constraint,
    Severity severity,
    CheckStatus status,
    String observed,
    String bound,
    String message) {

  /** One readable line: status, check, observed and expected values. */
  public String describe() {
    String line = String.format("%-6s %s.%s: observed %s, expected %s", status, table, checkName, observed, bound);
    return message == null || message.isEmpty() ? line : line + " (" + message + ")";
  }
}
