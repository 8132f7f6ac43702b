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
    String message,
    long quarantinedRows) {

  public CheckOutcome(String layer, String table, String checkName, String constraint, Severity severity,
      CheckStatus status, String observed, String bound, String message) {
    this(layer, table, checkName, constraint, severity, status, observed, bound, message, 0);
  }

  /**
   * This outcome once a quarantine check set {@code rows} of {@code stagedRows} staged rows aside: it
   * fails when their share exceeds {@code maxRatio} (the promotion then halts and nothing is set
   * aside), and otherwise stands as verified over the rows that remain.
   */
  public CheckOutcome quarantined(long rows, long stagedRows, double maxRatio) {
    double share = stagedRows == 0 ? 0 : (double) rows / stagedRows;
    String counted = String.format("%s; %d of %d staged rows quarantined (%.4f)", observed, rows, stagedRows, share);
    // Every row left in scope keeps the check; when none is left (all in scope were set aside), Deequ's
    // minimum or maximum has no value and reports a failure, but the check holds vacuously.
    CheckStatus held = status == CheckStatus.FAILED && observed.startsWith("no metric") ? CheckStatus.PASSED : status;
    String heldMessage = held == status ? message : "";
    if (share > maxRatio) {
      String why = String.format("%d of %d staged rows (%.4f) break it, more than max_quarantine_ratio %s: halted",
          rows, stagedRows, share, DeequCheckCompiler.number(maxRatio));
      return new CheckOutcome(layer, table, checkName, constraint, severity, CheckStatus.FAILED, counted,
          bound + ", quarantining at most " + DeequCheckCompiler.number(maxRatio) + " of staged rows",
          message == null || message.isEmpty() ? why : message + "; " + why, rows);
    }
    return new CheckOutcome(layer, table, checkName, constraint, severity, held, counted, bound, heldMessage, rows);
  }

  /** One readable line: status, check, observed and expected values. */
  public String describe() {
    String line = String.format("%-6s %s.%s: observed %s, expected %s", status, table, checkName, observed, bound);
    if (quarantinedRows > 0 && status == CheckStatus.PASSED) {
      line = String.format("%-6s %s.%s: %d rows quarantined, observed %s", "QUARANTINED", table, checkName, quarantinedRows, observed);
    }
    return message == null || message.isEmpty() ? line : line + " (" + message + ")";
  }
}
