package io.assay.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON report of a run. Its top-level keys are a contract with scripts and later stages:
 * add keys, never rename them. {@code reconciliation.ok} is false as soon as any check mismatches.
 */
public final class RunReport {
  private static final ObjectMapper JSON = JsonFile.JSON;
  private final ObjectNode root = JSON.createObjectNode();
  private final ArrayNode mismatches;

  public RunReport(String runId) {
    root.put("run_id", runId);
    ObjectNode reconciliation = root.putObject("reconciliation");
    reconciliation.put("ok", true);
    mismatches = reconciliation.putArray("mismatches");
  }

  public RunReport counts(String key, Map<String, Long> counts) {
    root.set(key, JSON.valueToTree(new TreeMap<>(counts)));
    return this;
  }

  public ObjectNode section(String key) {
    return root.has(key) ? (ObjectNode) root.get(key) : root.putObject(key);
  }

  /** Records a reconciliation check; a mismatch turns {@code reconciliation.ok} false. */
  public void reconcile(String check, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      ObjectNode mismatch = mismatches.addObject();
      mismatch.put("check", check);
      mismatch.set("expected", JSON.valueToTree(expected));
      mismatch.set("actual", JSON.valueToTree(actual));
      ((ObjectNode) root.get("reconciliation")).put("ok", false);
    }
  }

  public boolean reconciled() {
    return root.get("reconciliation").get("ok").asBoolean();
  }

  public ObjectNode json() {
    return root;
  }

  public String toJson() {
    return JsonFile.text(root);
  }

  public void writeTo(Path file) {
    JsonFile.write(file, root);
  }
}
