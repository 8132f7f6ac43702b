package io.assay.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.assay.cli.config.AssayConfig;
import io.assay.cli.report.RunReport;
import io.assay.cli.steps.IngestStep;
import io.assay.ingestion.bronze.BronzeReconciliation;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.kafka.TopicProvisioner;
import java.nio.file.Path;
import java.util.Map;

/** Puts Bronze and the dead letters into a report, reconciled against the ledger and Kafka. */
final class BronzeReporting {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BronzeReporting() {}

  static void addBronzeSections(RunReport report, AssayConfig config, Path ledgerFile, Map<String, Long> inKafka) {
    BronzeReconciliation.Result result = BronzeReconciliation.reconcile(
        IngestStep.session(config), config.contracts(), config.lake(), ledgerFile, inKafka);
    report.counts("bronze", result.bronzeRows());
    long topicMessages = TopicOffsets.committedMessages(config.kafka(), TopicProvisioner.DEAD_LETTER_TOPIC);
    ObjectNode deadLetter = report.section("dead_letter");
    deadLetter.put("total", result.deadLetters());
    deadLetter.set("by_category", JSON.valueToTree(result.deadLettersByCategory()));
    deadLetter.set("by_topic", JSON.valueToTree(result.deadLettersByTopic()));
    deadLetter.put("topic_messages", topicMessages);
    result.mismatches().forEach(m -> report.reconcile(m.check(), m.expected(), m.actual()));
    report.reconcile("dead_letter_topic_equals_table", result.deadLetters(), topicMessages);
  }
}
