package io.assay.transformations;

import io.assay.lake.LakeLayout;
import java.util.Objects;

/**
 * Where the lake's tables live (the lake's own layout), where a run stages its output before
 * commit, and which run this is.
 */
public record TransformSettings(LakeLayout lake, String stagingRoot, String runId) {
  public static final String MODEL_STATE_TABLE = LakeLayout.MODEL_STATE_TABLE;

  public TransformSettings {
    Objects.requireNonNull(lake, "lake");
    Objects.requireNonNull(stagingRoot, "stagingRoot");
    Objects.requireNonNull(runId, "runId");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId must not be blank: it names the run's staging folder");
    }
  }

  /** Staging under {@code <lakeRoot>/_staging}. */
  public static TransformSettings forLake(LakeLayout lake, String runId) {
    return new TransformSettings(lake, lake.table(LakeLayout.STAGING_FOLDER), runId);
  }

  public static TransformSettings forLake(String lakeRoot, String runId) {
    return forLake(LakeLayout.at(lakeRoot), runId);
  }

  public String tablePath(String table) {
    return lake.table(table);
  }

  public String modelStatePath() {
    return tablePath(MODEL_STATE_TABLE);
  }

  /** This run's staging folder; every staged model lives below it. Characters unsafe in a path become '_'. */
  public String runStagingPath() {
    return LakeLayout.join(stagingRoot, runId.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  public String stagingPath(String model) {
    return LakeLayout.join(runStagingPath(), model);
  }
}
