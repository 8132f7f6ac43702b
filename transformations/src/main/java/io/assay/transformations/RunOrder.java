package io.assay.transformations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Topological order of models by the models they read; ties broken by name so runs are repeatable. */
final class RunOrder {
  private RunOrder() {}

  static List<Model> of(Map<String, Model> models) {
    Map<String, Integer> unmetSources = new HashMap<>();
    Map<String, List<String>> readers = new HashMap<>();
    for (Model model : models.values()) {
      unmetSources.put(model.name(), model.modelSources().size());
      for (String source : model.modelSources()) {
        readers.computeIfAbsent(source, s -> new ArrayList<>()).add(model.name());
      }
    }
    TreeSet<String> ready = new TreeSet<>();
    unmetSources.forEach((name, unmet) -> {
      if (unmet == 0) {
        ready.add(name);
      }
    });
    List<Model> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String next = ready.pollFirst();
      order.add(models.get(next));
      for (String reader : readers.getOrDefault(next, List.of())) {
        if (unmetSources.merge(reader, -1, Integer::sum) == 0) {
          ready.add(reader);
        }
      }
    }
    if (order.size() < models.size()) {
      List<String> stuck = models.keySet().stream().filter(n -> unmetSources.get(n) > 0).sorted().toList();
      throw new ModelDefinitionException("models read each other in a cycle: " + stuck);
    }
    return order;
  }
}
