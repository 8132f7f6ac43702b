package io.assay.cli.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The table-level graph in a file of OpenLineage events (Assay's and the Spark listener's): which
 * datasets each dataset was built from, by which jobs, and the last gate outcome per dataset. Internal
 * datasets (a path segment starting with {@code _}: staging folders, model state, metrics repository)
 * are looked through, so a model's staging step and its commit read as one edge.
 */
public final class LineageGraph {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One dataset: its OpenLineage identity and the short name a person reads. */
  public record Node(String namespace, String name) implements Comparable<Node> {
    public String label() {
      if (namespace.startsWith("kafka://")) {
        return "topic " + name;
      }
      return name.substring(name.lastIndexOf('/') + 1);
    }

    boolean internal() {
      return !namespace.startsWith("kafka://") && List.of(name.split("/")).stream().anyMatch(s -> s.startsWith("_"));
    }

    @Override
    public int compareTo(Node other) {
      return (namespace + "|" + name).compareTo(other.namespace + "|" + other.name);
    }
  }

  /** The last gate run's assertions on a dataset. */
  public record GateOutcome(String eventTime, String job, Optional<String> assayRunId, List<Assertion> assertions) {
    public long passed() {
      return assertions.stream().filter(Assertion::success).count();
    }
  }

  public record Assertion(String name, String type, boolean success, Optional<String> severity, Optional<String> column) {}

  private final Map<Node, Set<Node>> rawUpstream = new TreeMap<>();
  private final Map<Node, Set<String>> writers = new TreeMap<>();
  private final Map<Node, GateOutcome> gates = new TreeMap<>();
  private final Set<Node> nodes = new TreeSet<>();
  private int events;

  public static LineageGraph read(Path eventsFile) {
    if (!Files.isRegularFile(eventsFile)) {
      throw new IllegalArgumentException("no OpenLineage events at " + eventsFile.toAbsolutePath()
          + ": run a job first (./assay demo, ingest, transform), or pass --events FILE");
    }
    LineageGraph graph = new LineageGraph();
    try (BufferedReader lines = Files.newBufferedReader(eventsFile)) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          graph.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read OpenLineage events from " + eventsFile, e);
    }
    return graph;
  }

  void add(JsonNode event) {
    events++;
    String job = event.path("job").path("name").asText();
    List<Node> inputs = datasets(event.path("inputs"));
    List<Node> outputs = datasets(event.path("outputs"));
    nodes.addAll(inputs);
    nodes.addAll(outputs);
    for (Node output : outputs) {
      writers.computeIfAbsent(output, n -> new TreeSet<>()).add(job);
      Set<Node> up = rawUpstream.computeIfAbsent(output, n -> new TreeSet<>());
      inputs.stream().filter(i -> !i.equals(output)).forEach(up::add);
    }
    String time = event.path("eventTime").asText();
    for (JsonNode input : event.path("inputs")) {
      JsonNode facet = input.path("inputFacets").path("dataQualityAssertions");
      if (facet.isMissingNode()) {
        continue;
      }
      Node node = new Node(input.path("namespace").asText(), input.path("name").asText());
      GateOutcome previous = gates.get(node);
      if (previous == null || previous.eventTime().compareTo(time) <= 0) {
        gates.put(node, new GateOutcome(time, job, assayRunId(event), assertions(facet)));
      }
    }
  }

  public int eventCount() {
    return events;
  }

  /** Datasets a person cares about: everything but internal folders. */
  public Set<Node> tables() {
    Set<Node> visible = new TreeSet<>();
    nodes.stream().filter(n -> !n.internal()).forEach(visible::add);
    return visible;
  }

  /** The visible datasets a dataset was built from, looking through internal ones. */
  public Set<Node> upstream(Node node) {
    Set<Node> found = new TreeSet<>();
    collect(node, found, new LinkedHashSet<>());
    return found;
  }

  private void collect(Node node, Set<Node> found, Set<Node> seen) {
    for (Node up : rawUpstream.getOrDefault(node, Set.of())) {
      if (!seen.add(up)) {
        continue;
      }
      if (up.internal()) {
        collect(up, found, seen);
      } else {
        found.add(up);
      }
    }
  }

  /** Jobs that wrote a dataset, Assay's own first (they name the model or step). */
  public List<String> writers(Node node) {
    List<String> jobs = new ArrayList<>(writers.getOrDefault(node, Set.of()));
    jobs.sort((a, b) -> Boolean.compare(!a.startsWith("assay.model.") && !a.startsWith("assay.ingest."),
        !b.startsWith("assay.model.") && !b.startsWith("assay.ingest.")));
    return jobs;
  }

  public Optional<GateOutcome> lastGate(Node node) {
    return Optional.ofNullable(gates.get(node));
  }

  /** Visible datasets whose short name is {@code label} (a table name, or "topic payments"). */
  public List<Node> find(String label) {
    return tables().stream().filter(n -> n.label().equals(label)).toList();
  }

  private static List<Node> datasets(JsonNode list) {
    List<Node> found = new ArrayList<>();
    for (JsonNode d : list) {
      found.add(new Node(d.path("namespace").asText(), d.path("name").asText()));
    }
    return found;
  }

  private static Optional<String> assayRunId(JsonNode event) {
    for (JsonNode tag : event.path("run").path("facets").path("tags").path("tags")) {
      if ("assay.run_id".equals(tag.path("key").asText())) {
        return Optional.of(tag.path("value").asText());
      }
    }
    return Optional.empty();
  }

  private static List<Assertion> assertions(JsonNode facet) {
    List<Assertion> found = new ArrayList<>();
    for (JsonNode a : facet.path("assertions")) {
      found.add(new Assertion(a.path("name").asText(a.path("assertion").asText()), a.path("assertion").asText(),
          a.path("success").asBoolean(), text(a, "severity"), text(a, "column")));
    }
    return found;
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }
}
