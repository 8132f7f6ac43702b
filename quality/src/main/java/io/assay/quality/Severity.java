package io.assay.quality;

import java.util.Locale;

/** What a failed check does: ERROR halts the promotion, WARNING is only recorded. */
public enum Severity {
  ERROR,
  WARNING;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
