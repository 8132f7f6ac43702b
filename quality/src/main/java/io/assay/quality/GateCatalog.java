package io.assay.quality;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every gate file, found as {@code <layer>/<table>.yaml} under a folder or the classpath's
 * {@code checks/}. Each file's layer and table must match where it sits, so a misplaced file cannot
 * guard the wrong table.
 */
public final class GateCatalog {
  private final List<GateFile> files;

  private GateCatalog(List<GateFile> files) {
    this.files = List.copyOf(files);
  }

  public static GateCatalog load(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> yamls = paths.filter(p -> p.toString().endsWith(".yaml")).sorted(Comparator.comparing(Path::toString))
          .collect(Collectors.toList());
      List<GateFile> files = new ArrayList<>();
      for (Path yaml : yamls) {
        String source = dir.getFileName() + "/" + dir.relativize(yaml).toString().replace('\\', '/');
        try (Reader reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
          files.add(placed(GateFile.parse(source, reader), dir.relativize(yaml)));
        }
      }
      return new GateCatalog(files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gate files under " + dir, e);
    }
  }

  /** The gate files shipped in the jar under {@code checks/}. */
  public static GateCatalog fromClasspath() {
    URL root = GateCatalog.class.getClassLoader().getResource("checks");
    if (root == null) {
      throw new IllegalStateException("no checks/ folder on the classpath");
    }
    try {
      if ("jar".equals(root.toURI().getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(root.toURI(), Map.of())) {
          return load(jar.getPath("checks"));
        }
      }
      return load(Path.of(root.toURI()));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read checks/ from the classpath", e);
    }
  }

  private static GateFile placed(GateFile file, Path relative) {
    String layer = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    String table = relative.getFileName().toString().replaceFirst("\\.yaml$", "");
    if (!file.layer().equals(layer) || !file.table().equals(table)) {
      throw new GateDefinitionException(new SourceLocation(file.source(), 1, 1), "declares " + file.layer() + "/"
          + file.table() + " but sits at " + relative + " (expected <layer>/<table>.yaml)");
    }
    return file;
  }

  public Optional<GateFile> gate(String layer, String table) {
    return files.stream().filter(f -> f.layer().equals(layer) && f.table().equals(table)).findFirst();
  }

  public List<GateFile> layer(String layer) {
    return files.stream().filter(f -> f.layer().equals(layer)).collect(Collectors.toList());
  }

  public List<GateFile> all() {
    return files;
  }

  public int checkCount() {
    return files.stream().mapToInt(f -> f.checks().size()).sum();
  }
}
