package io.assay.quality;

/** How one check came out. WARNED is a warning-severity check that did not hold. */
public enum CheckStatus {
  PASSED,
  WARNED,
  FAILED;

  static CheckStatus of(boolean held, Severity severity) {
    if (held) {
      return PASSED;
    }
    return severity == Severity.ERROR ? FAILED : WARNED;
  }
}
