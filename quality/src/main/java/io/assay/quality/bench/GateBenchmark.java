package io.assay.quality.bench;

import io.assay.lake.PinnedDeltaRead;
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

  /**
   * After one untimed round of each, {@code rounds} timed rounds alternating gates and scan; each
   * table's figure is its best round (the machine's noise only ever adds time).
   */
  public GateBenchResult run(SparkSession spark, long rows, Path workDir, int rounds) {
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
    Map<String, Double> gateSeconds = new LinkedHashMap<>();
    Map<String, Double> scanSeconds = new LinkedHashMap<>();
    for (int round = 0; round <= rounds; round++) {
      boolean timed = round > 0;
      for (Gate gate : gates) {
        double seconds = seconds(() -> {
          // As the promotion reads them: each table's files resolved once for all of the gate's passes.
          GateReport report = runner.verify(gate, PinnedDeltaRead.latest(spark, paths.get(gate.table())),
              t -> paths.containsKey(t) ? PinnedDeltaRead.latest(spark, paths.get(t)) : null);
          if (report.halts()) {
            throw new IllegalStateException("benchmark data failed its gate: " + report.summary());
          }
        });
        if (timed) {
          gateSeconds.merge(gate.table(), seconds, Math::min);
        }
      }
      for (Map.Entry<String, String> table : paths.entrySet()) {
        // Reads every column, writes nothing.
        double seconds = seconds(() -> read(spark, table.getValue()).write().format("noop").mode("overwrite").save());
        if (timed) {
          scanSeconds.merge(table.getKey(), seconds, Math::min);
        }
      }
    }
    int checks = gates.stream().mapToInt(g -> g.checks().size()).sum();
    return new GateBenchResult(rows, checks, rounds, gateSeconds, scanSeconds);
  }

  private static Dataset<Row> read(SparkSession spark, String path) {
    return spark.read().format("delta").load(path);
  }

  private static double seconds(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
