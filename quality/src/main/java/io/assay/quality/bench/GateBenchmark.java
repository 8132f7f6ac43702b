package io.assay.quality.bench;

import io.assay.quality.Gate;
import io.assay.quality.GateCatalog;
import io.assay.quality.GateFile;
import io.assay.quality.GateReport;
import io.assay.quality.GateRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times all Silver gates against one plain full scan of the same Delta tables, in the same run and
 * both warm (each runs once untimed first), so the ratio says what gating costs on this machine.
 */
public final class GateBenchmark {
  private final GateCatalog catalog;

  public GateBenchmark(GateCatalog catalog) {
    this.catalog = catalog;
  }

  public GateBenchmark() {
    this(GateCatalog.fromClasspath());
  }

  public GateBenchResult run(SparkSession spark, long rows, Path workDir) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> paths = new LinkedHashMap<>();
    SilverSampleData.generate(spark, rows, now).forEach((table, data) -> {
      String path = workDir.resolve(table).toString();
      data.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
      paths.put(table, path);
    });
    GateRunner runner = new GateRunner(spark, Clock.fixed(now, ZoneOffset.UTC), "bench", Optional.empty());
    List<Gate> gates = new ArrayList<>();
    for (GateFile file : catalog.layer("silver")) {
      gates.add(file.bind(read(spark, paths.get(file.table())).schema()));
    }
    Runnable runGates = () -> {
      for (Gate gate : gates) {
        GateReport report = runner.verify(gate, read(spark, paths.get(gate.table())), t -> read(spark, paths.get(t)));
        if (report.halts()) {
          throw new IllegalStateException("benchmark data failed its gate: " + report.summary());
        }
      }
    };
    Runnable scanAll = () -> paths.values().forEach(path ->
        read(spark, path).write().format("noop").mode("overwrite").save()); // reads every column, writes nothing
    runGates.run();
    scanAll.run();
    double gatesSeconds = seconds(runGates);
    double scanSeconds = seconds(scanAll);
    int checks = gates.stream().mapToInt(g -> g.checks().size()).sum();
    return new GateBenchResult(rows, gatesSeconds, scanSeconds, checks);
  }

  private static Dataset<Row> read(SparkSession spark, String path) {
    return path == null ? null : spark.read().format("delta").load(path);
  }

  private static double seconds(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
