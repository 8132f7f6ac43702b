package io.assay.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the lake's Delta tables in the session's catalog: {@code assay_<layer>.<table>} as an
 * EXTERNAL table at the table's path, so dropping the name never deletes data. Registration is
 * idempotent (a name already at the same location is left alone; one at another location is
 * re-pointed) and is a no-op in a session without a catalog, where jobs keep using paths.
 */
public final class LakeCatalog {
  /** Spark conf key holding the configured lake's root: only tables under it are named (a benchmark's scratch lake is not). */
  public static final String LAKE_ROOT_CONF = "spark.assay.lake.root";
  private static final Logger LOG = LoggerFactory.getLogger(LakeCatalog.class);
  /** Names this JVM already registered at a location, so a streaming micro-batch costs no metastore call. */
  private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

  private final SparkSession spark;

  public LakeCatalog(SparkSession spark) {
    this.spark = spark;
  }

  /** Whether this session names tables in a catalog (see {@link CatalogSettings#KIND_CONF}). */
  public boolean enabled() {
    return kind() != CatalogSettings.Kind.NONE;
  }

  public CatalogSettings.Kind kind() {
    return CatalogSettings.Kind.parse(spark.conf().get(CatalogSettings.KIND_CONF, "none"));
  }

  /** {@code [catalog.]assay_<layer>.<table>}, or empty for internal tables. */
  public Optional<String> qualifiedName(String table) {
    return LakeDatabases.of(table).map(database -> qualifiedDatabase(database) + "." + table);
  }

  public String qualifiedDatabase(String database) {
    Optional<String> catalog = spark.conf().getOption(CatalogSettings.NAME_CONF).isDefined()
        ? Optional.of(spark.conf().get(CatalogSettings.NAME_CONF)) : Optional.empty();
    return catalog.map(c -> quote(c) + "." + database).orElse(database);
  }

  /** Names the Delta table at {@code location} after it is written; returns whether a catalog now names it. */
  public boolean register(String table, String location) {
    Optional<String> name = qualifiedName(table);
    if (!enabled() || name.isEmpty()) {
      return false;
    }
    String absolute = absolute(location);
    if (!underConfiguredLake(absolute)) {
      LOG.debug("{} is outside the configured lake; not naming it", absolute);
      return false;
    }
    if (REGISTERED.contains(name.get() + "@" + absolute)) {
      return true;
    }
    String database = name.get().substring(0, name.get().lastIndexOf('.'));
    spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
    Optional<String> current = location(name.get());
    if (current.isPresent() && !sameLocation(current.get(), absolute)) {
      LOG.info("{} pointed at {}; re-pointing it at {}", name.get(), current.get(), absolute);
      spark.sql("DROP TABLE IF EXISTS " + name.get()); // external: the files stay
      current = Optional.empty();
    }
    if (current.isEmpty()) {
      try {
        spark.sql("CREATE TABLE IF NOT EXISTS " + name.get() + " USING delta LOCATION '" + absolute.replace("'", "\\'") + "'");
        LOG.info("registered {} at {}", name.get(), absolute);
      } catch (RuntimeException e) {
        // Another job registered the same name a moment earlier: fine if it is there now.
        if (location(name.get()).isEmpty()) {
          throw new IllegalStateException("cannot register " + name.get() + " at " + absolute + ": " + e.getMessage(), e);
        }
      }
    }
    REGISTERED.add(name.get() + "@" + absolute);
    return true;
  }

  /** Registers every Delta table found under the lake's root (a lake written before it had a catalog). */
  public List<String> registerAll(LakeLayout lake) {
    List<String> registered = new ArrayList<>();
    for (String table : deltaTablesUnder(lake)) {
      if (register(table, lake.table(table))) {
        registered.add(table);
      }
    }
    return registered;
  }

  /** Table names that hold a Delta table under the lake's root, internal ones left out, sorted. */
  public List<String> deltaTablesUnder(LakeLayout lake) {
    try {
      Path root = new Path(lake.root());
      FileSystem fs = root.getFileSystem(spark.sessionState().newHadoopConf());
      if (!fs.exists(root)) {
        return List.of();
      }
      List<String> tables = new ArrayList<>();
      for (FileStatus status : fs.listStatus(root)) {
        String name = status.getPath().getName();
        if (status.isDirectory() && LakeDatabases.of(name).isPresent() && fs.exists(new Path(status.getPath(), "_delta_log"))) {
          tables.add(name);
        }
      }
      tables.sort(String::compareTo);
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the lake at " + lake.root(), e);
    }
  }

  /** The tables the catalog names in Assay's databases, as {@code database.table}, sorted. */
  public List<String> registeredTables() {
    List<String> tables = new ArrayList<>();
    for (String database : LakeDatabases.ALL) {
      String qualified = qualifiedDatabase(database);
      if (!spark.catalog().databaseExists(qualified)) {
        continue;
      }
      for (Row row : spark.sql("SHOW TABLES IN " + qualified).collectAsList()) {
        if (!row.getBoolean(row.fieldIndex("isTemporary"))) {
          tables.add(database + "." + row.getString(row.fieldIndex("tableName")));
        }
      }
    }
    return tables;
  }

  /** One named table as {@code ./assay tables} shows it. */
  public record TableSummary(String database, String table, long rows, long version, String location) {}

  /** Row count, current Delta version and location of a named table ({@code database.table}). */
  public TableSummary summarize(String databaseAndTable) {
    String database = databaseAndTable.substring(0, databaseAndTable.indexOf('.'));
    String table = databaseAndTable.substring(databaseAndTable.indexOf('.') + 1);
    String name = qualifiedDatabase(database) + "." + table;
    long rows = spark.sql("SELECT count(*) FROM " + name).head().getLong(0);
    String location = spark.sql("DESCRIBE DETAIL " + name).select("location").head().getString(0);
    long version = spark.sql("DESCRIBE HISTORY " + name + " LIMIT 1").select("version").head().getLong(0);
    return new TableSummary(database, table, rows, version, location);
  }

  private Optional<String> location(String name) {
    if (!spark.catalog().tableExists(name)) {
      return Optional.empty();
    }
    for (Row row : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
      if ("Location".equals(row.getString(0))) {
        return Optional.of(row.getString(1));
      }
    }
    return Optional.of("");
  }

  private boolean underConfiguredLake(String absoluteLocation) {
    if (spark.conf().getOption(LAKE_ROOT_CONF).isEmpty()) {
      return true;
    }
    String root = strip(absolute(spark.conf().get(LAKE_ROOT_CONF)));
    return strip(absoluteLocation).startsWith(root + "/");
  }

  private static boolean sameLocation(String a, String b) {
    return strip(a).equals(strip(b));
  }

  private static String strip(String location) {
    String s = location.replaceFirst("^file:(//)?", "");
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String absolute(String location) {
    return location.contains("://") ? location : java.nio.file.Path.of(location).toAbsolutePath().normalize().toString();
  }

  private static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
