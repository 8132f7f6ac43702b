package io.assay.lake;

import java.util.Objects;

/**
 * Everything a Spark session takes from Assay's configuration besides the lake's root: which catalog
 * names the tables and where the OpenLineage listener sends its events.
 */
public record SessionSettings(CatalogSettings catalog, LineageSettings lineage) {
  public SessionSettings {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(lineage, "lineage");
  }

  /** Tables by path only, no lineage: sessions that tests build directly. */
  public static SessionSettings pathsOnly() {
    return new SessionSettings(CatalogSettings.none(), LineageSettings.disabled());
  }

  /** A catalog and no lineage. */
  public static SessionSettings of(CatalogSettings catalog) {
    return new SessionSettings(catalog, LineageSettings.disabled());
  }
}
