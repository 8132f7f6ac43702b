package io.assay.lake.sql;

import io.assay.lake.LakeCatalog;
import io.assay.lake.LakeLayout;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names Delta tables that appear under the lake while the SQL endpoint runs. Jobs sharing the endpoint's
 * metastore register their tables themselves; this covers the ones that cannot reach it (another container,
 * {@code ASSAY_CATALOG=none}), so a table first written after the endpoint started is queryable by name
 * within one interval. Registration is idempotent and cached, so a scan of known tables costs one listing.
 */
public final class TableDiscovery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableDiscovery.class);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "assay-table-discovery");
    thread.setDaemon(true);
    return thread;
  });

  private final Set<String> named;

  private TableDiscovery(List<String> alreadyNamed) {
    this.named = new HashSet<>(alreadyNamed);
  }

  /** Scans at every {@code interval}, starting from the tables {@code alreadyNamed} at start-up. */
  public static TableDiscovery every(Duration interval, LakeCatalog catalog, LakeLayout lake, List<String> alreadyNamed) {
    TableDiscovery discovery = new TableDiscovery(alreadyNamed);
    long millis = interval.toMillis();
    discovery.scheduler.scheduleWithFixedDelay(() -> discovery.scan(catalog, lake), millis, millis, TimeUnit.MILLISECONDS);
    return discovery;
  }

  private void scan(LakeCatalog catalog, LakeLayout lake) {
    try {
      for (String table : catalog.registerAll(lake)) {
        if (named.add(table)) {
          LOG.info("named {}, which appeared under {}", table, lake.root());
        }
      }
    } catch (Exception e) {
      // A table whose first commit is still being written, or a flaky listing, must not stop the scans
      // (an escaped exception would cancel them): the next scan retries. Spark's AnalysisException is checked.
      LOG.warn("table discovery under {} failed; retrying in the next interval: {}", lake.root(), e.getMessage());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
