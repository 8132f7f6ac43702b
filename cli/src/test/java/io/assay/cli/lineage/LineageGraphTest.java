package io.assay.cli.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageGraphTest {
  @TempDir Path dir;

  private static String event(String time, String job, String inputs, String outputs) {
    return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"" + time + "\",\"job\":{\"namespace\":\"assay\",\"name\":\"" + job
        + "\"},\"run\":{\"runId\":\"r\",\"facets\":{\"tags\":{\"tags\":[{\"key\":\"assay.run_id\",\"value\":\"run-" + time
        + "\"}]}}},\"inputs\":[" + inputs + "],\"outputs\":[" + outputs + "]}";
  }

  private static String table(String path) {
    return "{\"namespace\":\"file\",\"name\":\"/lake/" + path + "\"}";
  }

  private static String judged(String table, boolean success) {
    return "{\"namespace\":\"file\",\"name\":\"/lake/" + table + "\",\"inputFacets\":{\"dataQualityAssertions\":{\"assertions\":["
        + "{\"assertion\":\"min\",\"name\":\"amount_at_least_a_cent\",\"success\":" + success + ",\"severity\":\"error\",\"column\":\"amount\"},"
        + "{\"assertion\":\"row_count\",\"name\":\"has_rows\",\"success\":true}]}}}";
  }

  private LineageGraph graph(String... events) throws Exception {
    Path file = dir.resolve("events.ndjson");
    Files.write(file, List.of(events));
    return LineageGraph.read(file);
  }

  @Test
  void looksThroughStagingFoldersAndEndsAtTheTopic() throws Exception {
    LineageGraph graph = graph(
        event("1", "assay.ingest.bronze", "{\"namespace\":\"kafka://127.0.0.1:9092\",\"name\":\"payments\"}", table("bronze_payments")),
        event("2", "spark.stage", table("bronze_payments") + "," + table("_model_state"), table("_staging/run1/silver_payments")),
        event("3", "spark.merge", table("_staging/run1/silver_payments"), table("silver_payments")),
        event("4", "assay.model.gold_payment_success_rate", table("silver_payments"), table("gold_payment_success_rate")),
        event("5", "assay.gate.gold", judged("gold_payment_success_rate", true), ""),
        event("6", "assay.gate.gold", judged("gold_payment_success_rate", false), ""));
    LineageGraph.Node gold = graph.find("gold_payment_success_rate").get(0);
    LineageGraph.Node silver = graph.find("silver_payments").get(0);
    assertEquals(Set.of(silver), graph.upstream(gold));
    assertEquals(List.of("bronze_payments"), graph.upstream(silver).stream().map(LineageGraph.Node::label).toList());
    assertTrue(graph.tables().stream().noneMatch(n -> n.label().startsWith("_") || n.name().contains("_staging")));

    List<String> path = new LineageReport(graph).path(gold);
    assertTrue(path.get(0).startsWith("gold_payment_success_rate  <- assay.model.gold_payment_success_rate"), path.get(0));
    assertTrue(path.get(0).contains("1/2 checks passed, not passed: amount_at_least_a_cent (error), run run-6"), "the last gate run wins: " + path.get(0));
    assertTrue(path.get(path.size() - 1).endsWith("└─ topic payments"), String.join("\n", path));
    assertTrue(path.stream().anyMatch(l -> l.contains("bronze_payments  <- assay.ingest.bronze")), String.join("\n", path));

    String dot = new LineageReport(graph).dot(new LineageReport(graph).upstreamClosure(gold));
    assertTrue(dot.startsWith("digraph") && dot.contains("\"file|/lake/silver_payments\" -> \"file|/lake/gold_payment_success_rate\""), dot);
    assertTrue(dot.contains("shape=ellipse") && dot.contains("lightpink"), dot);
  }

  @Test
  void aMissingEventsFileSaysWhatToRun() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LineageGraph.read(dir.resolve("none.ndjson")));
    assertTrue(error.getMessage().contains("./assay demo"), error.getMessage());
  }
}
