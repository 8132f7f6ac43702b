package io.assay.cli.commands;

import io.assay.cli.report.RunReport;
import io.assay.cli.steps.ProduceStep;
import io.assay.ingestion.ledger.Ledger;
import io.assay.ingestion.ledger.ProduceCounts;

/** Puts a producer run into a report and checks it against the ledger written to disk. */
final class ProduceReporting {
  private ProduceReporting() {}

  static void addProduceSection(RunReport report, ProduceStep.Result result) {
    ProduceCounts counts = result.counts();
    report.counts("produced", counts.produced());
    report.counts("rejected_at_producer", counts.rejectedAtProducer());
    report.counts("faults_injected", counts.faultsInjected());
    if (!counts.sendFailed().isEmpty()) {
      report.counts("send_failed", counts.sendFailed());
    }
    Ledger ledger = Ledger.read(result.ledgerFile());
    ProduceCounts fromLedger = ledger.counts();
    report.section("ledger").put("file", result.ledgerFile().toString()).put("entries", ledger.entries().size());
    report.reconcile("ledger.produced", fromLedger.produced(), counts.produced());
    report.reconcile("ledger.rejected_at_producer", fromLedger.rejectedAtProducer(), counts.rejectedAtProducer());
    report.reconcile("ledger.faults_injected", fromLedger.faultsInjected(), counts.faultsInjected());
    report.reconcile("ledger.entries", counts.total(), (long) ledger.entries().size());
  }
}
