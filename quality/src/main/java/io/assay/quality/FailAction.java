package io.assay.quality;

/**
 * What a failing error-level check does to a promotion. {@code halt} stops the layer (nothing is
 * committed); {@code quarantine}, for row-level checks only, sets the failing rows of the staged
 * increment aside in {@code <table>_quarantine} and promotes the rest, unless more than the check's
 * {@code max_quarantine_ratio} of the staged rows fail, in which case it halts after all.
 */
public enum FailAction {
  HALT,
  QUARANTINE;

  static FailAction fromYaml(String text) {
    return switch (text) {
      case "halt" -> HALT;
      case "quarantine" -> QUARANTINE;
      default -> null;
    };
  }
}
