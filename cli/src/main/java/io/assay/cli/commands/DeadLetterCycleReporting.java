package io.assay.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.assay.cli.config.AssayConfig;
import io.assay.promotion.Promotion;
import io.assay.promotion.PromotionResult;
import io.assay.cli.report.RunReport;
import io.assay.cli.steps.ContractDiff;
import io.assay.cli.steps.RelaxedContracts;
import io.assay.ingestion.deadletter.DeadLetterDiscard;
import io.assay.ingestion.deadletter.DeadLetterFilter;
import io.assay.ingestion.deadletter.DeadLetterReconciliation;
import io.assay.ingestion.deadletter.DeadLetterReplay;
import io.assay.ingestion.ledger.Ledger;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.contract.ContractChange;
import io.assay.schemas.contract.DeadLetterCategory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's dead-letter cycle, as on call would run it: a contract relaxed in a temporary copy, {@code contract
 * diff} counts what it would recover, {@code dlq replay} recovers exactly those, the unreadable bytes are
 * discarded with a reason, {@code transform} carries the replayed events to Gold, and every event is still
 * accounted for. Reported under {@code dead_letter.replay}.
 */
final class DeadLetterCycleReporting {
  static final String DISCARD_REASON = "demo: corrupt bytes no producer fix can recover";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeadLetterCycleReporting() {}

  /** Runs the cycle and the second transform; returns that transform's result and the replayed Kafka positions. */
  record Outcome(PromotionResult transform, Set<String> replayed) {}

  static Outcome run(RunReport report, SparkSession spark, AssayConfig config, Path workDir, Path ledgerFile, String runId) {
    ObjectNode section = report.section("dead_letter").putObject("replay");
    ContractCatalog inForce = config.contracts();
    ContractCatalog relaxed = ContractCatalog.fromDirectory(RelaxedContracts.write(inForce, workDir.resolve("contracts-relaxed")));
    section.put("contract_change", "event_time.max_age widened to " + RelaxedContracts.MAX_AGE + " in every contract (a copy in "
        + workDir.resolve("contracts-relaxed").toAbsolutePath() + ")");

    ContractDiff.Report diff = ContractDiff.run(spark, config, inForce, relaxed, 7, 0.0);
    ObjectNode diffNode = section.putObject("diff");
    diffNode.put("rule_changes", diff.changes().size());
    diffNode.put("relaxing", diff.changes().stream().filter(c -> c.direction() == ContractChange.Direction.RELAXING).count());
    diffNode.put("newly_rejected", diff.newlyRejected());
    diffNode.put("recoverable", diff.recovery().recoverable());
    diffNode.set("recoverable_by_category", JSON.valueToTree(diff.recovery().byCategory()));
    diffNode.put("passes", diff.passes());

    DeadLetterReplay.Result replay = new DeadLetterReplay(spark, relaxed, config.lake(), config.ingest(Optional.empty()).registry(),
        config.maxMessageBytes()).run(new DeadLetterReplay.Options(DeadLetterFilter.ALL, runId + "-replay", 50_000, false));
    section.put("run_id", replay.runId());
    section.put("recovered", replay.recovered());
    section.set("recovered_by_topic", JSON.valueToTree(replay.recoveredByTopic()));
    section.set("still_failing_by_category", JSON.valueToTree(replay.stillFailingByCategory()));

    long discarded = DeadLetterDiscard.discard(spark, config.lake(), new DeadLetterFilter(Optional.empty(), List.of(),
        List.of(DeadLetterCategory.DESERIALIZATION_ERROR.name())), runId + "-discard", DISCARD_REASON);
    section.put("discarded", discarded);
    section.put("discard_reason", DISCARD_REASON);

    PromotionResult transform = Promotion.forLake(spark, config.lake(), runId + "-after-replay", config.lineage()).transform();
    transform.summaryLines().forEach(System.err::println);
    section.set("gates", JSON.valueToTree(transform.countsByLayer()));
    transform.haltedAt().ifPresent(layer -> report.reconcile("dead_letter.replay.gates_pass", "all gates passing", "halted at " + layer));

    Ledger ledger = Ledger.read(ledgerFile);
    DeadLetterReconciliation.Result accounted = DeadLetterReconciliation.reconcile(spark, inForce, config.lake(), ledger);
    section.put("still_open", accounted.byTopic().values().stream().mapToLong(DeadLetterReconciliation.Terms::openDeadLetters).sum());
    section.set("accounting", JSON.valueToTree(accounted.byTopic()));
    accounted.mismatches().forEach(m -> report.reconcile("dead_letter.replay." + m.check(), m.expected(), m.actual()));
    Set<String> stale = ledger.entries().stream().filter(e -> e.outcomeKind().inKafka() && "stale_event_time".equals(e.fault()))
        .map(e -> DeadLetterReconciliation.position(e.topic(), e.partition(), e.offset())).collect(Collectors.toCollection(TreeSet::new));
    section.put("ledger_stale_events", stale.size());
    report.reconcile("dead_letter.replay.recovered_equals_recoverable", diff.recovery().recoverable(), replay.recovered());
    report.reconcile("dead_letter.replay.recovered_are_the_ledgers_stale_events", stale, accounted.replayedPositions());
    return new Outcome(transform, accounted.replayedPositions());
  }
}
