package io.assay.lake;

/**
 * Named places in a job where a crash test may stop the JVM dead. When the system property
 * {@code assay.crash.at} or the environment variable {@code ASSAY_CRASH_AT} names the point reached,
 * the process halts at once with exit code 137 ({@code Runtime.halt}: no shutdown hook, no
 * {@code finally}, no Spark or Delta clean-up, as after SIGKILL). Unset, as in production, a point
 * costs one map lookup. Kill points are deterministic where a timed SIGKILL would only land somewhere.
 */
public final class CrashPoint {
  public static final String PROPERTY = "assay.crash.at";
  public static final String ENV = "ASSAY_CRASH_AT";
  public static final int EXIT_CODE = 137;

  private CrashPoint() {}

  public static void reached(String point) {
    String target = System.getProperty(PROPERTY, System.getenv(ENV));
    if (point.equals(target)) {
      System.err.println("crash point " + point + " reached: halting (" + ENV + ")");
      System.err.flush();
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }
}
