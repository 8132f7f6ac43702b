package io.assay.lake.fs;

import java.util.Map;

/** The Spark settings that put the forkless local file systems under {@code file:} paths. */
public final class ForklessLocalFiles {
  private ForklessLocalFiles() {}

  /** For local sessions (and the test sessions): Hadoop's FileSystem and FileContext implementations. */
  public static Map<String, Object> sparkSettings() {
    return Map.of(
        "spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName(),
        "spark.hadoop.fs.AbstractFileSystem.file.impl", ForklessLocalFs.class.getName());
  }
}
