package io.assay.transformations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * Every model of the lake, loaded from {@code .sql} files and checked at load time: headers parse,
 * SQL parses, every table a model reads is another model, a {@code bronze_*} table or a declared
 * optional table, and the references form no cycle. The run order is derived from the references.
 */
public final class ModelCatalog {
  /** Tables written by ingestion, read by path; any such name is a valid source. */
  static final String BRONZE_PREFIX = "bronze_";
  private static final String CLASSPATH_FOLDER = "models";

  private final Map<String, Model> byName;
  private final List<Model> runOrder;

  private ModelCatalog(Map<String, Model> byName) {
    this.byName = Collections.unmodifiableMap(byName);
    this.runOrder = List.copyOf(RunOrder.of(byName));
  }

  /** The models shipped in this module's jar (or classes folder) under {@code models/}. */
  public static ModelCatalog fromClasspath(SparkSession spark) {
    try {
      URL folder = ModelCatalog.class.getClassLoader().getResource(CLASSPATH_FOLDER);
      // A repackaged jar may lack directory entries; then list models/ in the jar this class came from.
      URI location = folder != null ? folder.toURI() : ModelCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI();
      boolean inJar = "jar".equals(location.getScheme()) || location.getPath().endsWith(".jar");
      if (!inJar) {
        return fromDirectory(folder != null ? Path.of(location) : Path.of(location).resolve(CLASSPATH_FOLDER), spark);
      }
      URI jarUri = "jar".equals(location.getScheme()) ? location : URI.create("jar:" + location);
      FileSystem jar;
      try {
        jar = FileSystems.getFileSystem(jarUri);
      } catch (FileSystemNotFoundException notOpenYet) {
        jar = FileSystems.newFileSystem(jarUri, Map.of());
      }
      return fromDirectory(jar.getPath(CLASSPATH_FOLDER), spark);
    } catch (URISyntaxException | IOException | RuntimeException e) {
      if (e instanceof ModelDefinitionException definition) {
        throw definition;
      }
      throw new ModelDefinitionException("cannot list the models under '" + CLASSPATH_FOLDER + "/' on the classpath: " + e.getMessage(), e);
    }
  }

  /** Every {@code *.sql} file directly in {@code dir}; the file name (without .sql) is the model name. */
  public static ModelCatalog fromDirectory(Path dir, SparkSession spark) {
    Map<String, String> sqlByFile = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
        sqlByFile.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read models from " + dir, e);
    }
    return of(sqlByFile, spark);
  }

  /** Models from file name to SQL text; used by the two loaders and by tests. */
  static ModelCatalog of(Map<String, String> sqlByFile, SparkSession spark) {
    Map<String, ModelHeader> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : sqlByFile.entrySet()) {
      String name = modelName(file.getKey());
      if (headers.put(name, ModelHeader.parse(file.getKey(), file.getValue())) != null) {
        throw new ModelDefinitionException(file.getKey() + ": a second model named " + name);
      }
      checkSyntax(spark, file.getKey(), file.getValue());
    }
    Map<String, Model> models = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : sqlByFile.entrySet()) {
      String name = modelName(file.getKey());
      models.put(name, resolve(name, file.getKey(), file.getValue(), headers.get(name), headers.keySet()));
    }
    return new ModelCatalog(models);
  }

  /** All models, each after every model it reads. */
  public List<Model> runOrder() {
    return runOrder;
  }

  /** The models of one layer ({@code silver}, {@code gold}) in run order. */
  public List<Model> layer(String layer) {
    String wanted = layer.toLowerCase(Locale.ROOT);
    return runOrder.stream().filter(m -> m.layer().equals(wanted)).toList();
  }

  public Optional<Model> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Model get(String name) {
    return find(name).orElseThrow(() -> new NoSuchElementException("no model named " + name + "; models: " + byName.keySet()));
  }

  /** Layers present, in run order of their first model. */
  public List<String> layers() {
    return runOrder.stream().map(Model::layer).distinct().toList();
  }

  private static String modelName(String fileName) {
    String name = fileName.substring(0, fileName.length() - ".sql".length()).toLowerCase(Locale.ROOT);
    if (!name.matches("[a-z][a-z0-9]*_[a-z0-9_]+")) {
      throw new ModelDefinitionException(fileName + ": a model file is named <layer>_<name>.sql, e.g. silver_orders.sql");
    }
    return name;
  }

  private static void checkSyntax(SparkSession spark, String file, String sql) {
    try {
      spark.sessionState().sqlParser().parsePlan(sql);
    } catch (ParseException e) {
      throw new ModelDefinitionException(file + ": not valid Spark SQL: " + e.getMessage(), e);
    }
  }

  private static Model resolve(String name, String file, String sql, ModelHeader header, Set<String> modelNames) {
    Set<String> modelSources = new LinkedHashSet<>();
    Set<String> lakeSources = new LinkedHashSet<>();
    for (String table : TableReferences.in(sql)) {
      if (table.equals(name)) {
        throw new ModelDefinitionException(file + ": model " + name + " reads itself");
      } else if (modelNames.contains(table)) {
        modelSources.add(table);
      } else if (table.startsWith(BRONZE_PREFIX) || header.optionalTables().containsKey(table)) {
        lakeSources.add(table);
      } else {
        throw new ModelDefinitionException(file + ": reads unknown table '" + table + "'. A model may read other models "
            + new ArrayList<>(new java.util.TreeSet<>(modelNames)) + ", bronze_* tables, or a table declared as '-- optional: "
            + table + " (<columns>)'");
      }
    }
    if (modelSources.isEmpty() && lakeSources.isEmpty()) {
      throw new ModelDefinitionException(file + ": reads no table (no FROM or JOIN found)");
    }
    if (header.replacesDays()) {
      for (String source : modelSources) {
        if (!header.daysFrom().containsKey(source)) {
          throw new ModelDefinitionException(file + ": replaces days, so it needs '-- days_from: " + source
              + ": <date expression>' saying which day a new " + source + " row affects");
        }
      }
      for (String source : lakeSources) {
        if (!header.optionalTables().containsKey(source) && !header.daysFrom().containsKey(source)) {
          throw new ModelDefinitionException(file + ": replaces days, so it needs '-- days_from: " + source + ": <date expression>'");
        }
      }
    }
    for (String declared : header.daysFrom().keySet()) {
      if (!modelSources.contains(declared) && !lakeSources.contains(declared)) {
        throw new ModelDefinitionException(file + ": days_from names " + declared + ", which the SQL does not read");
      }
    }
    String layer = name.substring(0, name.indexOf('_'));
    return new Model(name, layer, sql, header, file, Set.copyOf(modelSources), Set.copyOf(lakeSources));
  }
}
