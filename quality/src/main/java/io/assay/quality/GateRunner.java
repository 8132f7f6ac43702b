package io.assay.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Metric;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import scala.Option;

/**
 * Runs a gate over a table: all of its Deequ checks in one verification suite (one scan, plus one
 * grouping pass per distinct uniqueness key), then the cross-table checks, and reports every outcome.
 */
public final class GateRunner {
  private final SparkSession spark;
  private final Clock clock;
  private final String runId;
  private final Optional<QualityMetricsRepository> metrics;

  public GateRunner(SparkSession spark, Clock clock, String runId, Optional<QualityMetricsRepository> metrics) {
    this.spark = spark;
    this.clock = clock;
    this.runId = runId;
    this.metrics = metrics;
  }

  public GateReport verify(Gate gate, Dataset<Row> data) {
    return verify(gate, data, table -> null);
  }

  public GateReport verify(Gate gate, Dataset<Row> data, Function<String, Dataset<Row>> otherTables) {
    Instant now = clock.instant();
    DeequCheckCompiler compiler = new DeequCheckCompiler(gate.schema(), now);
    List<CompiledCheck> compiled = gate.checks().stream().map(compiler::compile).collect(Collectors.toList());

    // Only the columns the checks read, plus helper columns. Nothing is cached: on 1M rows, caching
    // cost more than the uniqueness and referential passes re-reading just their key columns.
    Dataset<Row> scanned = data.select(CheckColumns.of(gate).stream().map(c -> functions.col("`" + c + "`"))
        .toArray(Column[]::new));
    for (CompiledCheck check : compiled) {
      for (Map.Entry<String, Column> helper : check.helperColumns().entrySet()) {
        scanned = scanned.withColumn(helper.getKey(), helper.getValue());
      }
    }
    List<Check> deequChecks = compiled.stream().flatMap(c -> c.deequCheck().stream()).collect(Collectors.toList());
    Size size = new Size(Scala.none());
    VerificationResult result = runSuite(gate, scanned, deequChecks, size, now);
    double rows = metricValue(result.metrics().get(analyzer(size))).orElse(-1.0);

    List<CheckOutcome> outcomes = new ArrayList<>();
    for (CompiledCheck check : compiled) {
      if (check.deequCheck().isEmpty()) {
        outcomes.add(check.definition().type() == CheckType.REFERENTIAL
            ? ReferentialCheck.run(gate.layer(), gate.table(), check, scanned, otherTables)
            : KeyCheck.run(gate.layer(), gate.table(), check, scanned));
      } else {
        CheckResult checkResult = result.checkResults().get(check.deequCheck().get()).get();
        outcomes.add(outcome(gate, check, checkResult, rows == 0.0));
      }
    }
    Map<String, CheckDefinition> definitions = new LinkedHashMap<>();
    gate.checks().forEach(check -> definitions.put(check.name(), check));
    TableProfile profile = profile(result, rows, Set.of(data.schema().fieldNames()));
    return new GateReport(runId, gate.layer(), gate.table(), now, outcomes, definitions, profile);
  }

  /** Row count, and null counts and extremes from the unfiltered column analyzers the checks ran. */
  private static TableProfile profile(VerificationResult result, double rows, Set<String> schemaColumns) {
    Map<String, TableProfile.ColumnProfile> columns = new TreeMap<>();
    scala.collection.Iterator<scala.Tuple2<Analyzer<?, Metric<?>>, Metric<?>>> metrics = result.metrics().iterator();
    while (metrics.hasNext()) {
      scala.Tuple2<Analyzer<?, Metric<?>>, Metric<?>> entry = metrics.next();
      Optional<Double> value = metricValue(Option.apply(entry._2()));
      if (value.isEmpty()) {
        continue;
      }
      double v = value.get();
      Object analyzer = entry._1();
      if (analyzer instanceof Completeness c && c.where().isEmpty() && rows >= 0) {
        columns.merge(c.column(), TableProfile.ColumnProfile.NONE.withNullCount(Math.round(rows * (1 - v))),
            (old, x) -> old.withNullCount(Math.round(rows * (1 - v))));
      } else if (analyzer instanceof Minimum m && m.where().isEmpty()) {
        columns.merge(m.column(), TableProfile.ColumnProfile.NONE.withMin(v), (old, x) -> old.withMin(v));
      } else if (analyzer instanceof Maximum m && m.where().isEmpty()) {
        columns.merge(m.column(), TableProfile.ColumnProfile.NONE.withMax(v), (old, x) -> old.withMax(v));
      }
    }
    columns.keySet().removeIf(column -> !schemaColumns.contains(column)); // helper columns are not the table's
    return new TableProfile(Math.max(0, Math.round(rows)), columns);
  }

  private VerificationResult runSuite(Gate gate, Dataset<Row> data, List<Check> checks, Size size, Instant now) {
    VerificationResult result = new VerificationSuite().onData(data)
        .addChecks(Scala.seq(checks))
        .addRequiredAnalyzer(analyzer(size))
        .run();
    metrics.ifPresent(repository -> repository.save(gate.layer(), gate.table(), runId, now, new AnalyzerContext(result.metrics())));
    return result;
  }

  private static CheckOutcome outcome(Gate gate, CompiledCheck compiled, CheckResult result, boolean emptyTable) {
    CheckDefinition check = compiled.definition();
    List<ConstraintResult> constraints = Scala.javaList(result.constraintResults());
    String constraint = constraints.stream().map(c -> c.constraint().toString()).collect(Collectors.joining("; "));
    if (emptyTable && check.type() != CheckType.ROW_COUNT) {
      // A check over values holds vacuously on an empty table; whether rows are required is row_count's call.
      return new CheckOutcome(gate.layer(), gate.table(), check.name(), constraint, check.severity(),
          CheckStatus.PASSED, "no rows", compiled.bound(), "");
    }
    boolean held = constraints.stream().allMatch(c -> c.status() == ConstraintStatus.Success());
    String observed = constraints.stream()
        .map(c -> metricValue(c.metric()).map(compiled.observedFormat()::apply).orElse("no metric"))
        .collect(Collectors.joining(", "));
    String message = constraints.stream()
        .filter(c -> c.status() != ConstraintStatus.Success() && c.message().isDefined())
        .map(c -> inOwnFormat(c.message().get(), metricValue(c.metric()), compiled))
        .collect(Collectors.joining("; "));
    return new CheckOutcome(gate.layer(), gate.table(), check.name(), constraint, check.severity(),
        CheckStatus.of(held, check.severity()), observed, compiled.bound(), message);
  }

  /** Deequ's "Value: 25.5 does not meet..." with the value printed as the check prints it ({@code 25.50}). */
  private static String inOwnFormat(String deequMessage, Optional<Double> value, CompiledCheck compiled) {
    return value.map(v -> deequMessage.replace("Value: " + v + " ", "Value: " + compiled.observedFormat().apply(v) + " "))
        .orElse(deequMessage);
  }

  private static Optional<Double> metricValue(Option<? extends Metric<?>> metric) {
    if (metric.isEmpty() || metric.get().value().isFailure()) {
      return Optional.empty();
    }
    Object value = metric.get().value().get();
    return value instanceof Number number ? Optional.of(number.doubleValue()) : Optional.empty();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<?, Metric<?>> analyzer(Size size) {
    return (Analyzer) size;
  }
}
