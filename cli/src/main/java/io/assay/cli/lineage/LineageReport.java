package io.assay.cli.lineage;

import io.assay.cli.lineage.LineageGraph.GateOutcome;
import io.assay.cli.lineage.LineageGraph.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The lineage graph as text a person reads, or as Graphviz DOT. */
public final class LineageReport {
  private final LineageGraph graph;

  public LineageReport(LineageGraph graph) {
    this.graph = graph;
  }

  /** Every table: upstream tables, the jobs that wrote it, the last gate outcome. */
  public List<String> tables() {
    List<String> lines = new ArrayList<>();
    for (Node table : graph.tables()) {
      lines.add(table.label() + "  (" + table.namespace() + " " + table.name() + ")");
      Set<Node> upstream = graph.upstream(table);
      if (!upstream.isEmpty()) {
        lines.add("  upstream:   " + upstream.stream().map(Node::label).collect(Collectors.joining(", ")));
      }
      List<String> writers = graph.writers(table);
      if (!writers.isEmpty()) {
        lines.add("  written by: " + String.join(", ", writers));
      }
      graph.lastGate(table).ifPresent(gate -> lines.add("  last gate:  " + gateLine(gate)));
    }
    return lines;
  }

  /** One table's path upstream, down to the Kafka topics, as an indented tree. */
  public List<String> path(Node table) {
    List<String> lines = new ArrayList<>();
    lines.add(table.label() + writtenBy(table) + graph.lastGate(table).map(g -> "  [gate: " + gateLine(g) + "]").orElse(""));
    walk(table, "", lines, new LinkedHashSet<>());
    return lines;
  }

  private void walk(Node node, String indent, List<String> lines, Set<Node> onPath) {
    List<Node> upstream = new ArrayList<>(graph.upstream(node));
    for (int i = 0; i < upstream.size(); i++) {
      Node up = upstream.get(i);
      boolean last = i == upstream.size() - 1;
      String gate = graph.lastGate(up).map(g -> "  [gate: " + g.passed() + "/" + g.assertions().size() + " passed]").orElse("");
      lines.add(indent + (last ? "└─ " : "├─ ") + up.label() + writtenBy(up) + gate);
      if (onPath.add(up)) {
        walk(up, indent + (last ? "   " : "│  "), lines, onPath);
        onPath.remove(up);
      }
    }
  }

  /** Graphviz: tables as boxes (green when the last gate passed entirely, red otherwise), topics as ellipses. */
  public String dot(Set<Node> only) {
    StringBuilder dot = new StringBuilder("digraph assay_lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    for (Node node : only) {
      String shape = node.namespace().startsWith("kafka://") ? "ellipse" : "box";
      String color = graph.lastGate(node)
          .map(g -> g.passed() == g.assertions().size() ? "palegreen" : "lightpink").orElse("white");
      String label = node.label() + graph.lastGate(node).map(g -> "\\n" + g.passed() + "/" + g.assertions().size() + " checks").orElse("");
      dot.append("  ").append(id(node)).append(" [shape=").append(shape).append(", style=filled, fillcolor=").append(color)
          .append(", label=\"").append(label).append("\"];\n");
    }
    for (Node node : only) {
      for (Node up : graph.upstream(node)) {
        if (only.contains(up)) {
          dot.append("  ").append(id(up)).append(" -> ").append(id(node)).append(";\n");
        }
      }
    }
    return dot.append("}\n").toString();
  }

  /** A table and everything upstream of it. */
  public Set<Node> upstreamClosure(Node table) {
    Set<Node> closure = new LinkedHashSet<>();
    List<Node> todo = new ArrayList<>(List.of(table));
    while (!todo.isEmpty()) {
      Node next = todo.remove(todo.size() - 1);
      if (closure.add(next)) {
        todo.addAll(graph.upstream(next));
      }
    }
    return closure;
  }

  private String writtenBy(Node node) {
    return graph.writers(node).stream().findFirst().map(job -> "  <- " + job).orElse("");
  }

  private static String gateLine(GateOutcome gate) {
    List<String> notPassed = gate.assertions().stream().filter(a -> !a.success())
        .map(a -> a.name() + a.severity().map(s -> " (" + s + ")").orElse("")).toList();
    return gate.passed() + "/" + gate.assertions().size() + " checks passed"
        + (notPassed.isEmpty() ? "" : ", not passed: " + String.join(", ", notPassed))
        + gate.assayRunId().map(r -> ", run " + r).orElse("") + ", " + gate.eventTime();
  }

  private static String id(Node node) {
    return "\"" + (node.namespace() + "|" + node.name()).replace("\"", "'") + "\"";
  }
}
