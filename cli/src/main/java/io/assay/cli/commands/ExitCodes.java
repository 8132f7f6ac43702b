package io.assay.cli.commands;

/**
 * What the command line's exit code means, so a scheduler can tell an answer from an outage: a gate
 * that failed is data (do not retry it), an error may be transient (retry it).
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** Something broke: an exception, an unreachable service, a failed reconciliation. */
  public static final int ERROR = 1;
  /** Wrong command line. */
  public static final int USAGE = 2;
  /** The data broke a contract: an error-level check failed and the run stopped before promoting it. */
  public static final int GATE_FAILED = 3;

  private ExitCodes() {}
}
