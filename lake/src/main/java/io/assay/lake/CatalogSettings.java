package io.assay.lake;

import java.util.Objects;
import java.util.Optional;

/**
 * Which catalog names the lake's tables, and how a Spark session reaches it.
 *
 * @param kind {@link Kind}
 * @param metastoreDir the local metastore's folder (Derby database, warehouse), {@code LOCAL} only
 * @param metastorePort where the local metastore server listens on 127.0.0.1 when the stack runs, {@code LOCAL} only
 * @param metastoreUris {@code thrift://host:9083[,...]} of a Hive metastore, {@code HIVE} only
 * @param catalogName the Unity Catalog catalog the databases live in ({@code main}), {@code UNITY} only
 */
public record CatalogSettings(Kind kind, String metastoreDir, int metastorePort, Optional<String> metastoreUris,
    Optional<String> catalogName) {

  /** Spark conf key recording the kind in a session, so writers know whether to register. */
  public static final String KIND_CONF = "spark.assay.catalog";
  /** Spark conf key recording the Unity catalog name, when there is one. */
  public static final String NAME_CONF = "spark.assay.catalog.name";

  public enum Kind {
    /** No catalog: every job addresses tables by path (and {@code serve} / {@code tables} refuse). */
    NONE,
    /** Spark's Hive metastore on Derby under the data folder. */
    LOCAL,
    /** A Hive metastore service ({@code hive.metastore.uris}). */
    HIVE,
    /** AWS Glue Data Catalog, through EMR's Glue client for the Hive metastore API. */
    GLUE,
    /** Unity Catalog on Databricks: the cluster configures the session; databases sit in {@code catalogName}. */
    UNITY;

    public static Kind parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown catalog '" + value + "': use one of none, local, hive, glue, unity");
      }
    }
  }

  public CatalogSettings {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.HIVE && metastoreUris.isEmpty()) {
      throw new IllegalArgumentException("a hive catalog needs the metastore's thrift://host:port (ASSAY_METASTORE_URIS)");
    }
    if (kind == Kind.UNITY && catalogName.isEmpty()) {
      throw new IllegalArgumentException("a unity catalog needs the catalog's name (ASSAY_CATALOG_NAME), e.g. main");
    }
  }

  public static CatalogSettings none() {
    return new CatalogSettings(Kind.NONE, "", 0, Optional.empty(), Optional.empty());
  }

  public static CatalogSettings local(String metastoreDir, int metastorePort) {
    return new CatalogSettings(Kind.LOCAL, metastoreDir, metastorePort, Optional.empty(), Optional.empty());
  }

  public boolean enabled() {
    return kind != Kind.NONE;
  }

  public CatalogSettings withMetastoreDir(String dir) {
    return new CatalogSettings(kind, dir, metastorePort, metastoreUris, catalogName);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "none (tables by path)";
      case LOCAL -> "local metastore in " + metastoreDir;
      case HIVE -> "hive metastore at " + metastoreUris.orElseThrow();
      case GLUE -> "AWS Glue";
      case UNITY -> "Unity Catalog " + catalogName.orElseThrow();
    };
  }
}
