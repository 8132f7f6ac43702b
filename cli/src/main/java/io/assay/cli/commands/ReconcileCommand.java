package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.RunReport;
import io.assay.cli.steps.IngestStep;
import io.assay.ingestion.deadletter.DeadLetterReconciliation;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.ledger.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay reconcile}: the demo's reconciliation on a lake something else filled (an Airflow run,
 * a spark-submit): Kafka, Bronze and the dead letters against a producer ledger, Gold to the cent.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = "Reconcile the lake (Bronze, dead letters, Gold) and Kafka with a producer's ledger; JSON report, exit 1 on any mismatch.")
public final class ReconcileCommand implements Callable<Integer> {
  private final AssayConfig config;

  @Option(names = "--ledger", required = true, description = "the ledger file of the producer run that filled Kafka")
  Path ledger;

  @Option(names = "--report", description = "also write the JSON report to this file")
  Path report;

  public ReconcileCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (!Files.isRegularFile(ledger)) {
      throw new IllegalArgumentException("no ledger at " + ledger.toAbsolutePath() + " (producers write them under data/ledger/)");
    }
    RunReport out = new RunReport(RunIds.next());
    Map<String, Long> inKafka = TopicOffsets.messageCounts(config.kafka(), config.contracts().topics());
    out.counts("in_kafka", inKafka);
    BronzeReporting.addBronzeSections(out, config, ledger, inKafka);
    SparkSession spark = IngestStep.session(config);
    // Dead letters replayed into Bronze (./assay dlq replay) reach Gold too: count them as sent.
    DeadLetterReconciliation.Result deadLetters = DeadLetterReconciliation.reconcile(spark, config.contracts(), config.lake(),
        Ledger.read(ledger));
    deadLetters.mismatches().forEach(m -> out.reconcile("dead_letter." + m.check(), m.expected(), m.actual()));
    PromotionReporting.addGoldSections(out, spark, config.lake(), ledger, deadLetters.replayedPositions());
    System.out.println(out.toJson());
    if (report != null) {
      out.writeTo(report);
    }
    return out.reconciled() ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
