package io.assay.quality.bench;

/** Wall-clock seconds of all Silver gates and of one plain full scan of the same tables, warm. */
public record GateBenchResult(long rows, double gatesSeconds, double scanSeconds, int checks) {
  public double ratio() {
    return gatesSeconds / scanSeconds;
  }

  /** The report {@code ./assay bench gates --report FILE} writes. */
  public String toJson() {
    return String.format(java.util.Locale.ROOT, "{\"rows\": %d, \"checks\": %d, \"gates_s\": %.3f, \"scan_s\": %.3f, \"ratio\": %.3f}",
        rows, checks, gatesSeconds, scanSeconds, ratio());
  }
}
