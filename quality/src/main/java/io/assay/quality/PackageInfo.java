package io.assay.quality;

/** Declarative gates compiled into Deequ verification suites. */
final class PackageInfo {
  private PackageInfo() {}
}
