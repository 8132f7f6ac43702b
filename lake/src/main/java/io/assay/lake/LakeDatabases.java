package io.assay.lake;

import java.util.List;
import java.util.Optional;

/**
 * Which catalog database holds a table: one database per layer plus one for operations, so a
 * grant, a Superset schema list or a Glue crawler exclusion can follow the layer
 * ({@code GRANT SELECT ON DATABASE assay_gold}); tables keep the names they have on disk.
 */
public final class LakeDatabases {
  public static final String BRONZE = "assay_bronze";
  public static final String SILVER = "assay_silver";
  public static final String GOLD = "assay_gold";
  public static final String OPS = "assay_ops";
  public static final List<String> ALL = List.of(BRONZE, SILVER, GOLD, OPS);

  private LakeDatabases() {}

  /** The database of a table, or empty for the lake's internal bookkeeping ({@code _model_state}, ...). */
  public static Optional<String> of(String table) {
    if (table.startsWith(LakeLayout.INTERNAL_PREFIX)) {
      return Optional.empty();
    }
    if (table.startsWith("bronze_")) {
      return Optional.of(BRONZE);
    }
    if (table.startsWith("silver_")) {
      return Optional.of(SILVER);
    }
    if (table.startsWith("gold_")) {
      return Optional.of(GOLD);
    }
    return Optional.of(OPS);
  }
}
