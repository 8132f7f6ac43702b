package io.assay.lake.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.assay.lake.CatalogSettings;
import io.assay.lake.LineageSettings;
import io.assay.lake.SessionSettings;
import io.assay.lake.SparkSessions;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.transports.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every event is one whole line of the file, however many writers append and however large it is. */
class LineFileTransportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void concurrentWritersOfLargeEventsNeverCutALine() throws Exception {
    Path file = dir.resolve("lineage/events.ndjson");
    // Two transports, as the Spark listener and Assay's emitter each hold one, on four threads.
    List<Transport> transports = List.of(new LineFileTransport(file), new LineFileTransport(file));
    int threads = 4;
    int eventsPerThread = 60;
    String query = "SELECT " + "x".repeat(40_000); // an event of about 40 KB: five of the JDK's 8 KB pieces
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Transport transport = transports.get(t % 2);
      String job = "writer-" + t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < eventsPerThread; i++) {
          transport.emit(event(job, query));
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    List<String> lines = Files.readAllLines(file);
    assertEquals(threads * eventsPerThread, lines.size(), "one line per event");
    Map<String, Long> perJob = new TreeMap<>();
    for (String line : lines) {
      JsonNode event = JSON.readTree(line); // a cut line does not parse
      assertEquals(query, event.at("/job/facets/sql/query").asText());
      perJob.merge(event.at("/job/name").asText(), 1L, Long::sum);
    }
    assertEquals(Map.of("writer-0", 60L, "writer-1", 60L, "writer-2", 60L, "writer-3", 60L), perJob);
  }

  @Test
  void theSparkListenerIsConfiguredWithItAndWritesWholeLines() throws IOException {
    Path file = dir.resolve("lineage/events.ndjson");
    LineageSettings lineage = new LineageSettings(true, "assay-test", Optional.empty(), Optional.empty(), file.toString(), true);
    SparkSession spark = SparkSessions.getOrCreate("line-file-transport-test", dir.resolve("lake").toString(),
        new SessionSettings(CatalogSettings.none(), lineage));
    String table = dir.resolve("lake/written").toString();
    try {
      spark.sql("SELECT id FROM range(5)").write().format("delta").save(table);
    } finally {
      spark.stop(); // drains the listener bus
    }

    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      events.add(JSON.readTree(line));
    }
    List<String> outputs = events.stream()
        .filter(e -> e.path("producer").asText().contains("integration/spark"))
        .flatMap(e -> jsonList(e.path("outputs")).stream())
        .map(o -> o.path("name").asText())
        .collect(Collectors.toList());
    assertTrue(outputs.contains(table), "the listener's events name the table written: " + outputs);
  }

  private static List<JsonNode> jsonList(JsonNode array) {
    List<JsonNode> nodes = new ArrayList<>();
    array.forEach(nodes::add);
    return nodes;
  }

  private static OpenLineage.RunEvent event(String job, String query) {
    OpenLineage ol = new OpenLineage(LineageEmitter.PRODUCER);
    return ol.newRunEventBuilder()
        .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
        .eventTime(ZonedDateTime.now(ZoneOffset.UTC))
        .run(ol.newRun(UUID.randomUUID(), null))
        .job(ol.newJobBuilder().namespace("test").name(job)
            .facets(ol.newJobFacetsBuilder().sql(ol.newSQLJobFacetBuilder().query(query).build()).build()).build())
        .inputs(List.of())
        .outputs(List.of())
        .build();
  }
}
