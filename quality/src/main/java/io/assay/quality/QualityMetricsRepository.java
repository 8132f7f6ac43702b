package io.assay.quality;

import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * Deequ's metrics of every gate run, kept with Deequ's own {@link FileSystemMetricsRepository} in one
 * file per table and UTC day: {@code <root>/<layer>/<table>/<yyyy-MM-dd>.json}.
 *
 * <p>Deequ's repository reads and rewrites its whole file on every save. One file for the lake grew by
 * about 6.6 KB per gate run (173 KB after the demo's 26 runs; some 2 MB a day with hourly checks of
 * thirteen tables), so every save would get slower as the lake ages. A table's file for one day
 * holds that day's runs only. Trends over days read the days' files ({@link #load}).
 */
public final class QualityMetricsRepository {
  /** Deequ's save is a read-modify-write of the file: saves in this JVM (concurrent gates) take turns. */
  private static final Object SAVE_LOCK = new Object();

  private final SparkSession spark;
  private final String root;

  public QualityMetricsRepository(SparkSession spark, String root) {
    this.spark = spark;
    this.root = root;
  }

  public void save(String layer, String table, String runId, Instant checkedAt, AnalyzerContext metrics) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("run_id", runId);
    tags.put("layer", layer);
    tags.put("table", table);
    synchronized (SAVE_LOCK) {
      new FileSystemMetricsRepository(spark, file(layer, table, day(checkedAt)))
          .save(new ResultKey(checkedAt.toEpochMilli(), Scala.map(tags)), metrics);
    }
  }

  /** The table's saved runs checked from {@code from} to {@code to} (UTC days, both included), oldest day first. */
  public List<AnalysisResult> load(String layer, String table, LocalDate from, LocalDate to) {
    List<AnalysisResult> results = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      String file = file(layer, table, day);
      if (exists(file)) {
        results.addAll(JavaConverters.seqAsJavaList(new FileSystemMetricsRepository(spark, file).load().get()));
      }
    }
    return results;
  }

  String file(String layer, String table, LocalDate day) {
    return root + "/" + layer + "/" + table + "/" + day + ".json";
  }

  private static LocalDate day(Instant checkedAt) {
    return LocalDate.ofInstant(checkedAt, ZoneOffset.UTC);
  }

  private boolean exists(String file) {
    Path path = new Path(file);
    try {
      return path.getFileSystem(spark.sessionState().newHadoopConf()).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
