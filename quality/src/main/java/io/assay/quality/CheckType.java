package io.assay.quality;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The check types a gate file may use, with the options each accepts and requires. Anything else in
 * a check is an error at load time, so a typo never silently disables a check.
 */
public enum CheckType {
  ROW_COUNT(false, Set.of(), Set.of("min", "max")),
  COMPLETENESS(true, Set.of("column"), Set.of("min", "where")),
  UNIQUENESS(false, Set.of("columns"), Set.of("min")),
  PRIMARY_KEY(false, Set.of("columns"), Set.of()),
  MIN(true, Set.of("column", "value"), Set.of("where")),
  MAX(true, Set.of("column", "value"), Set.of("where")),
  ALLOWED_VALUES(true, Set.of("column", "values"), Set.of("min", "where")),
  PATTERN(true, Set.of("column", "regex"), Set.of("min", "where")),
  NON_NEGATIVE(true, Set.of("column"), Set.of("where")),
  FRESHNESS(false, Set.of("column", "max_age"), Set.of("max_future")),
  RATIO(false, Set.of("predicate"), Set.of("min", "max")),
  REFERENTIAL(false, Set.of("column", "ref_table", "ref_column"), Set.of("max_missing")),
  SATISFIES(true, Set.of("predicate"), Set.of("min"));

  /** Keys every check has, whatever its type ({@code on_fail} is then checked against {@link #rowLevel()}). */
  static final Set<String> COMMON_KEYS = Set.of("name", "type", "severity", "description", "on_fail", "max_quarantine_ratio");

  private final boolean rowLevel;
  private final Set<String> required;
  private final Set<String> optional;

  CheckType(boolean rowLevel, Set<String> required, Set<String> optional) {
    this.rowLevel = rowLevel;
    this.required = required;
    this.optional = optional;
  }

  /**
   * Whether the check judges each row on its own, so the rows that break it can be named (and
   * quarantined). Row counts, uniqueness, referential, freshness and ratio checks judge the table.
   */
  public boolean rowLevel() {
    return rowLevel;
  }

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  Set<String> requiredOptions() {
    return required;
  }

  boolean accepts(String option) {
    return required.contains(option) || optional.contains(option);
  }

  String knownOptions() {
    return String.join(", ", new java.util.TreeSet<>(union()));
  }

  private Set<String> union() {
    java.util.Set<String> all = new java.util.HashSet<>(required);
    all.addAll(optional);
    return all;
  }

  static Optional<CheckType> fromYaml(String name) {
    return Arrays.stream(values()).filter(t -> t.yamlName().equals(name)).findFirst();
  }

  static String knownTypes() {
    return String.join(", ", Arrays.stream(values()).map(CheckType::yamlName).toList());
  }
}
