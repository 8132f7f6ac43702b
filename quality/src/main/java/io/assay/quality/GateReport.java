package io.assay.quality;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every check outcome of one gate run over one table. */
public final class GateReport {
  private final String runId;
  private final String layer;
  private final String table;
  private final Instant checkedAt;
  private final List<CheckOutcome> outcomes;
  private final Map<String, CheckDefinition> definitions;
  private final TableProfile profile;

  /**
   * @param definitions the gate's checks by name, as declared
   * @param profile what the Deequ pass measured besides the outcomes
   */
  public GateReport(String runId, String layer, String table, Instant checkedAt, List<CheckOutcome> outcomes,
      Map<String, CheckDefinition> definitions, TableProfile profile) {
    this.runId = runId;
    this.layer = layer;
    this.table = table;
    this.checkedAt = checkedAt;
    this.outcomes = List.copyOf(outcomes);
    this.definitions = Map.copyOf(definitions);
    this.profile = profile;
  }

  public String runId() {
    return runId;
  }

  public String layer() {
    return layer;
  }

  public String table() {
    return table;
  }

  public Instant checkedAt() {
    return checkedAt;
  }

  public List<CheckOutcome> outcomes() {
    return outcomes;
  }

  /** The column a check is about, if it names one. */
  public Optional<String> columnOf(String checkName) {
    return definition(checkName).flatMap(CheckDefinition::subjectColumn);
  }

  public Optional<CheckDefinition> definition(String checkName) {
    return Optional.ofNullable(definitions.get(checkName));
  }

  /** The same report with its outcomes replaced (e.g. recounted after quarantine), definitions and profile kept. */
  public GateReport withOutcomes(List<CheckOutcome> replaced) {
    return new GateReport(runId, layer, table, checkedAt, replaced, definitions, profile);
  }

  public TableProfile profile() {
    return profile;
  }

  /** True when an error-severity check failed: the promotion must stop. */
  public boolean halts() {
    return count(CheckStatus.FAILED) > 0;
  }

  public long count(CheckStatus status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  /** The failed and warned outcomes. */
  public List<CheckOutcome> problems() {
    return outcomes.stream().filter(o -> o.status() != CheckStatus.PASSED).collect(Collectors.toList());
  }

  /** A short readable report: a headline, then one line per failed or warned check. */
  public String summary() {
    StringBuilder text = new StringBuilder(String.format("gate %s/%s: %d passed, %d warned, %d failed",
        layer, table, count(CheckStatus.PASSED), count(CheckStatus.WARNED), count(CheckStatus.FAILED)));
    for (CheckOutcome problem : problems()) {
      text.append(System.lineSeparator()).append("  ").append(problem.describe());
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
