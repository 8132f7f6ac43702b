package io.assay.transformations;

import java.util.Objects;

/**
 * Where the lake's tables live, where a run stages its output before commit, and which run this is.
 * Tables are Delta tables addressed by path: {@code <lakeRoot>/<table name>}.
 */
public record TransformSettings(String lakeRoot, String stagingRoot, String runId) {
  public static final String MODEL_STATE_TABLE = "_model_state";
  public static final String STAGING_FOLDER = "_staging";

  public TransformSettings {
    Objects.requireNonNull(lakeRoot, "lakeRoot");
    Objects.requireNonNull(stagingRoot, "stagingRoot");
    Objects.requireNonNull(runId, "runId");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId must not be blank: it names the run's staging folder");
    }
  }

  /** Staging under {@code <lakeRoot>/_staging}. */
  public static TransformSettings forLake(String lakeRoot, String runId) {
    return new TransformSettings(lakeRoot, join(lakeRoot, STAGING_FOLDER), runId);
  }

  public String tablePath(String table) {
    return join(lakeRoot, table);
  }

  public String modelStatePath() {
    return tablePath(MODEL_STATE_TABLE);
  }

  /** This run's staging folder; every staged model lives below it. Characters unsafe in a path become '_'. */
  public String runStagingPath() {
    return join(stagingRoot, runId.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  public String stagingPath(String model) {
    return join(runStagingPath(), model);
  }

  private static String join(String base, String name) {
    return base.endsWith("/") ? base + name : base + "/" + name;
  }
}
