package io.assay.cli.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Runs that reconcile or measure one run exactly (demo, benchmarks) start from an empty folder. */
public final class FreshDirectory {
  private FreshDirectory() {}

  public static Path wipe(Path dir) {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clear " + dir, e);
      }
    }
    return dir;
  }
}
