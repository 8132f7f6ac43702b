package io.assay.cli.steps;

import io.assay.cli.config.AssayConfig;
import io.assay.lake.LakeLayout;
import io.assay.ingestion.contractdiff.BronzeImpact;
import io.assay.ingestion.deadletter.DeadLetterFilter;
import io.assay.ingestion.deadletter.DeadLetterReplay;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.contract.ContractChange;
import io.assay.schemas.contract.ContractComparison;
import io.assay.schemas.registry.SchemaRegistryClient;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * A proposed set of contracts against the ones in force: Avro compatibility per subject as the registry
 * judges it, every rule change classified, what the proposal would newly reject in recent Bronze, and
 * which open dead letters it would recover (the replay's own dry run, so the count is what a replay
 * after the change recovers).
 */
public final class ContractDiff {
  /** One subject's verdict: {@code unchanged}, {@code compatible}, {@code incompatible}, with the registry's reasons. */
  public record SubjectCheck(String subject, String level, String verdict, List<String> reasons) {}

  /** Open dead letters the proposal would let through, by their category. */
  public record Recovery(long openDeadLetters, long recoverable, Map<String, Long> byCategory) {}

  public record Report(List<SubjectCheck> subjects, List<ContractChange> changes, int days,
      List<BronzeImpact.TopicImpact> bronze, long bronzeScanned, long newlyRejected, double newlyRejectedShare,
      Recovery recovery, double maxRejectShare, boolean incompatible, boolean overThreshold) {
    public boolean passes() {
      return !incompatible && !overThreshold;
    }
  }

  private ContractDiff() {}

  public static Report run(SparkSession spark, AssayConfig config, ContractCatalog inForce, ContractCatalog proposed,
      int days, double maxRejectShare) {
    SchemaRegistryClient registry = new SchemaRegistryClient(config.registry());
    List<SubjectCheck> subjects = new ArrayList<>();
    Set<String> unreadable = new TreeSet<>();
    for (Contract contract : proposed.contracts()) {
      Optional<Contract> current = inForce.find(contract.topic());
      if (current.isPresent() && current.get().schema().toString().equals(contract.schema().toString())) {
        subjects.add(new SubjectCheck(contract.subject(), "", "unchanged", List.of()));
        continue;
      }
      String level = registry.compatibility(Optional.of(contract.subject()));
      List<String> problems = registry.compatibilityProblems(contract.subject(), contract.schema());
      subjects.add(new SubjectCheck(contract.subject(), level, problems.isEmpty() ? "compatible" : "incompatible", problems));
      if (!problems.isEmpty()) {
        unreadable.add(contract.topic());
      }
    }
    List<ContractChange> changes = ContractComparison.compare(inForce, proposed);
    Set<String> changedTopics = new TreeSet<>();
    changes.forEach(c -> changedTopics.add(c.topic()));
    subjects.stream().filter(s -> !s.verdict().equals("unchanged")).forEach(s -> changedTopics.add(s.subject().replaceFirst("-value$", "")));

    List<BronzeImpact.TopicImpact> bronze = new ArrayList<>();
    for (String topic : changedTopics) {
      if (inForce.find(topic).isPresent() && proposed.find(topic).isPresent() && !unreadable.contains(topic)) {
        bronze.add(BronzeImpact.of(spark, config.lake(), inForce, proposed, topic, days));
      }
    }
    long scanned = bronze.stream().mapToLong(BronzeImpact.TopicImpact::scanned).sum();
    long rejected = bronze.stream().mapToLong(BronzeImpact.TopicImpact::newlyRejected).sum();
    double share = scanned == 0 ? 0 : (double) rejected / scanned;
    return new Report(subjects, changes, days, bronze, scanned, rejected, share, recovery(spark, config, proposed),
        maxRejectShare, !unreadable.isEmpty(), share > maxRejectShare);
  }

  private static Recovery recovery(SparkSession spark, AssayConfig config, ContractCatalog proposed) {
    if (!DeltaTable.isDeltaTable(spark, config.lake().table(LakeLayout.DLQ_TABLE))) {
      return new Recovery(0, 0, Map.of());
    }
    DeadLetterReplay.Result dry = new DeadLetterReplay(spark, proposed, config.lake(), config.ingest(Optional.empty()).registry(),
        config.maxMessageBytes()).run(new DeadLetterReplay.Options(DeadLetterFilter.ALL, "contract-diff", Integer.MAX_VALUE, true));
    return new Recovery(dry.candidates(), dry.recovered(), dry.recoveredByCategory());
  }
}
