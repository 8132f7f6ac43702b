package io.assay.transformations;

import java.util.List;
import java.util.Set;

/**
 * One model: a SELECT whose result is the table {@code name}, in the layer its name starts with
 * ({@code silver_orders} is in layer {@code silver}).
 *
 * @param origin where the SQL came from, for error messages
 * @param modelSources the other models this one reads (they must run first)
 * @param lakeSources tables outside the catalog it reads: Bronze tables and declared optional tables
 */
public record Model(String name, String layer, String sql, ModelHeader header, String origin,
                    Set<String> modelSources, Set<String> lakeSources) {

  /** Every table the SQL reads, models first. */
  public List<String> references() {
    return java.util.stream.Stream.concat(modelSources.stream(), lakeSources.stream()).toList();
  }

  /** Tables whose changes drive this model's increments: all references except optional lookups. */
  public List<String> trackedSources() {
    return references().stream().filter(t -> !header.optionalTables().containsKey(t)).toList();
  }

  @Override
  public String toString() {
    return name + " (" + origin + ")";
  }
}
