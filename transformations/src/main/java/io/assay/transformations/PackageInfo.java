package io.assay.transformations;

/** Silver and Gold models: Spark SQL files run in dependency order. */
final class PackageInfo {
  private PackageInfo() {}
}
