package io.assay.schemas.contract;

import io.assay.schemas.contract.ContractChange.Direction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Compares contracts rule by rule and says of each change whether it tightens or relaxes. */
public final class ContractComparison {
  private ContractComparison() {}

  public static List<ContractChange> compare(ContractCatalog inForce, ContractCatalog proposed) {
    List<ContractChange> changes = new ArrayList<>();
    Set<String> topics = new LinkedHashSet<>(inForce.topics());
    topics.addAll(proposed.topics());
    for (String topic : topics) {
      Optional<Contract> before = inForce.find(topic);
      Optional<Contract> after = proposed.find(topic);
      if (before.isEmpty()) {
        changes.add(new ContractChange(topic, "", "contract", "", "new contract", Direction.TIGHTENING));
      } else if (after.isEmpty()) {
        changes.add(new ContractChange(topic, "", "contract", "in force", "", Direction.RELAXING));
      } else {
        compare(before.get(), after.get(), changes);
      }
    }
    return changes;
  }

  private static void compare(Contract before, Contract after, List<ContractChange> changes) {
    String topic = before.topic();
    Map<String, FieldContract> old = byName(before.fields());
    Map<String, FieldContract> proposed = byName(after.fields());
    Set<String> names = new LinkedHashSet<>(old.keySet());
    names.addAll(proposed.keySet());
    for (String name : names) {
      FieldContract was = old.get(name);
      FieldContract is = proposed.get(name);
      if (was == null) {
        changes.add(new ContractChange(topic, name, "field", "", describe(is), Direction.TIGHTENING));
        continue;
      }
      if (is == null) {
        changes.add(new ContractChange(topic, name, "field", describe(was), "", Direction.RELAXING));
        continue;
      }
      if (was.required() != is.required()) {
        changes.add(new ContractChange(topic, name, "required", Boolean.toString(was.required()), Boolean.toString(is.required()),
            is.required() ? Direction.TIGHTENING : Direction.RELAXING));
      }
      Map<String, FieldRule> wasRules = rulesByKind(was);
      Map<String, FieldRule> isRules = rulesByKind(is);
      Set<String> kinds = new LinkedHashSet<>(wasRules.keySet());
      kinds.addAll(isRules.keySet());
      for (String kind : kinds) {
        FieldRule a = wasRules.get(kind);
        FieldRule b = isRules.get(kind);
        if (a != null && a.equals(b)) {
          continue;
        }
        Direction direction = a == null ? Direction.TIGHTENING : b == null ? Direction.RELAXING : direction(a, b);
        if (direction != null) {
          changes.add(new ContractChange(topic, name, kind, a == null ? "" : a.describe(name), b == null ? "" : b.describe(name), direction));
        }
      }
    }
    compareRecordRules(before, after, changes);
  }

  /**
   * Record rules by name: a new one tightens, a dropped one relaxes, a rewritten predicate is a change
   * (whether it accepts more or less is not decidable in general; the Bronze impact counts it).
   */
  private static void compareRecordRules(Contract before, Contract after, List<ContractChange> changes) {
    Set<String> names = new LinkedHashSet<>();
    before.recordRules().forEach(r -> names.add(r.name()));
    after.recordRules().forEach(r -> names.add(r.name()));
    for (String name : names) {
      Optional<RecordRule> was = before.recordRule(name);
      Optional<RecordRule> is = after.recordRule(name);
      String wasText = was.map(r -> r.predicate().toString()).orElse("");
      String isText = is.map(r -> r.predicate().toString()).orElse("");
      if (!wasText.equals(isText)) {
        Direction direction = was.isEmpty() ? Direction.TIGHTENING : is.isEmpty() ? Direction.RELAXING : Direction.CHANGED;
        changes.add(new ContractChange(before.topic(), name, "record_rule", wasText, isText, direction));
      }
    }
  }

  /** Null when two rules of a kind accept the same values (equal bounds written differently). */
  private static Direction direction(FieldRule before, FieldRule after) {
    if (before instanceof Rules.MinRule a && after instanceof Rules.MinRule b) {
      return order(b.bound().compareTo(a.bound()));
    }
    if (before instanceof Rules.MaxRule a && after instanceof Rules.MaxRule b) {
      return order(a.bound().compareTo(b.bound()));
    }
    if (before instanceof Rules.MinItemsRule a && after instanceof Rules.MinItemsRule b) {
      return order(Integer.compare(b.minItems(), a.minItems()));
    }
    if (before instanceof Rules.AllowedValuesRule a && after instanceof Rules.AllowedValuesRule b) {
      boolean dropped = !b.lookup().containsAll(a.lookup());
      boolean added = !a.lookup().containsAll(b.lookup());
      return dropped && added ? Direction.CHANGED : dropped ? Direction.TIGHTENING : added ? Direction.RELAXING : null;
    }
    if (before instanceof Rules.EventTimeWindowRule a && after instanceof Rules.EventTimeWindowRule b) {
      int future = b.maxFuture().compareTo(a.maxFuture());
      int age = b.maxAge().compareTo(a.maxAge());
      if (future >= 0 && age >= 0) {
        return future == 0 && age == 0 ? null : Direction.RELAXING;
      }
      return future <= 0 && age <= 0 ? Direction.TIGHTENING : Direction.CHANGED;
    }
    if (before instanceof Rules.PatternRule a && after instanceof Rules.PatternRule b) {
      return a.pattern().pattern().equals(b.pattern().pattern()) ? null : Direction.CHANGED;
    }
    return Direction.CHANGED; // a new format or type: neither a subset nor a superset in general
  }

  /** Positive: the proposed rule is stricter. */
  private static Direction order(int stricter) {
    return stricter > 0 ? Direction.TIGHTENING : stricter < 0 ? Direction.RELAXING : null;
  }

  private static Map<String, FieldContract> byName(List<FieldContract> fields) {
    Map<String, FieldContract> byName = new LinkedHashMap<>();
    fields.forEach(f -> byName.put(f.name(), f));
    return byName;
  }

  /** One rule per kind, named as contract files write it. */
  private static Map<String, FieldRule> rulesByKind(FieldContract field) {
    Map<String, FieldRule> rules = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (FieldRule rule : concat(field.structural(), field.business())) {
      String kind = kindOf(rule);
      if (seen.add(kind)) {
        rules.put(kind, rule);
      }
    }
    return rules;
  }

  private static String kindOf(FieldRule rule) {
    if (rule instanceof Rules.TypeRule) {
      return "type";
    } else if (rule instanceof Rules.FormatRule) {
      return "format";
    } else if (rule instanceof Rules.PatternRule) {
      return "pattern";
    } else if (rule instanceof Rules.MinRule) {
      return "min";
    } else if (rule instanceof Rules.MaxRule) {
      return "max";
    } else if (rule instanceof Rules.AllowedValuesRule) {
      return "allowed";
    } else if (rule instanceof Rules.MinItemsRule) {
      return "min_items";
    } else if (rule instanceof Rules.EventTimeWindowRule) {
      return "event_time";
    }
    return rule.getClass().getSimpleName();
  }

  private static List<FieldRule> concat(List<FieldRule> a, List<FieldRule> b) {
    List<FieldRule> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String describe(FieldContract field) {
    List<String> rules = new ArrayList<>();
    if (field.required()) {
      rules.add(field.name() + " is required");
    }
    concat(field.structural(), field.business()).forEach(r -> rules.add(r.describe(field.name())));
    return String.join("; ", rules);
  }
}
