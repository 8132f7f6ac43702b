package io.assay.cli.commands;

import static org.apache.spark.sql.functions.col;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.steps.IngestStep;
import io.assay.ingestion.deadletter.DeadLetterState;
import io.assay.ingestion.deadletter.PayloadRenderer;
import io.assay.schemas.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay dlq show}: dead letters one by one, with what broke and the payload as sent. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Dead letters with category, rule, observed value, Kafka coordinates and the payload"
        + " (decoded with its writer schema where it decodes, hex otherwise), in Kafka order.")
public final class DlqShowCommand implements Callable<Integer> {
  private final AssayConfig config;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DeadLetterFilterOptions filters;

  @Option(names = "--status", defaultValue = "all", description = "open, replayed, discarded or all (default ${DEFAULT-VALUE})")
  String status;

  @Option(names = "--limit", defaultValue = "20", description = "at most this many records (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE})")
  OutputFormat format;

  public DlqShowCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    if (!List.of("open", "replayed", "discarded", "all").contains(status)) {
      throw new IllegalArgumentException("--status must be open, replayed, discarded or all; got '" + status + "'");
    }
    Dataset<Row> letters = DeadLetterState.load(IngestStep.session(config), config.lake()).filter(filters.filter().predicate());
    if (!"all".equals(status)) {
      letters = letters.filter(col("status").equalTo(status));
    }
    PayloadRenderer renderer = new PayloadRenderer(new SchemaRegistryClient(config.registry()));
    List<Map<String, Object>> records = new ArrayList<>();
    for (Row row : letters.orderBy("source_topic", "source_partition", "source_offset").limit(Math.max(0, limit)).collectAsList()) {
      records.add(record(row, renderer.render(row.getAs("original_value"))));
    }
    if (format == OutputFormat.json) {
      out.println(OutputFormat.json(records));
    } else {
      records.forEach(r -> out.printf("%s", text(r)));
      out.printf("%d record(s) shown%n", records.size());
    }
    return 0;
  }

  private static Map<String, Object> record(Row row, PayloadRenderer.Rendered payload) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("topic", row.getAs("source_topic"));
    r.put("partition", row.getAs("source_partition"));
    r.put("offset", row.getAs("source_offset"));
    r.put("kafka_timestamp", String.valueOf(row.<Object>getAs("kafka_timestamp")));
    r.put("kafka_key", row.getAs("kafka_key"));
    byte[] keyBytes = java.util.Arrays.asList(row.schema().fieldNames()).contains("kafka_key_bytes") ? row.getAs("kafka_key_bytes") : null;
    if (keyBytes != null && row.getAs("kafka_key") == null) {
      r.put("kafka_key_hex", java.util.HexFormat.of().formatHex(keyBytes)); // a key that is not UTF-8 text
    }
    r.put("category", row.getAs("category"));
    r.put("field", row.getAs("field"));
    r.put("observed_value", row.getAs("observed_value"));
    r.put("rule", row.getAs("rule"));
    r.put("detail", row.getAs("detail"));
    r.put("schema_id", row.getAs("schema_id"));
    r.put("status", row.getAs("status"));
    if (row.getAs("resolution") != null) {
      r.put("resolved_at", String.valueOf(row.<Object>getAs("resolved_at")));
      r.put("resolution_run_id", row.getAs("resolution_run_id"));
      r.put("resolution_reason", row.getAs("resolution_reason"));
    }
    if (row.getAs("last_attempt_run_id") != null) {
      r.put("last_replay_run_id", row.getAs("last_attempt_run_id"));
      r.put("new_category", row.getAs("new_category"));
      r.put("new_detail", row.getAs("new_detail"));
    }
    r.put("payload_form", payload.form());
    r.put("payload_note", payload.note());
    r.put("payload", payload.text());
    return r;
  }

  private static String text(Map<String, Object> r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%s %s:%s  %s  %s  [%s]%n", r.get("topic"), r.get("partition"), r.get("offset"),
        r.get("kafka_timestamp"), r.get("category"), r.get("status")));
    append(out, "detail", r.get("detail"));
    append(out, "rule", r.get("rule"));
    if (r.get("field") != null && !"".equals(r.get("field"))) {
      append(out, "observed", r.get("field") + " = " + r.get("observed_value"));
    }
    append(out, "key", r.containsKey("kafka_key_hex") ? "hex " + r.get("kafka_key_hex") : r.get("kafka_key"));
    if (r.containsKey("resolution_run_id")) {
      append(out, "resolved", r.get("status") + " at " + r.get("resolved_at") + " by run " + r.get("resolution_run_id")
          + (r.get("resolution_reason") == null ? "" : " (" + r.get("resolution_reason") + ")"));
    }
    if (r.containsKey("last_replay_run_id")) {
      append(out, "replayed", "still failing in run " + r.get("last_replay_run_id") + ": " + r.get("new_category") + " " + r.get("new_detail"));
    }
    append(out, "payload", r.get("payload_form") + ", " + r.get("payload_note"));
    out.append("    ").append(r.get("payload")).append(System.lineSeparator()).append(System.lineSeparator());
    return out.toString();
  }

  private static void append(StringBuilder out, String label, Object value) {
    out.append(String.format("  %-9s %s%n", label + ":", value));
  }
}
