package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.promotion.Promotion;
import io.assay.promotion.PromotionResult;
import io.assay.cli.report.RunReport;
import io.assay.cli.report.StepClock;
import io.assay.cli.steps.FreshDirectory;
import io.assay.cli.steps.IngestStep;
import io.assay.cli.steps.ProduceStep;
import io.assay.ingestion.kafka.TopicOffsets;
import io.assay.ingestion.produce.ProduceOptions;
import io.assay.stack.LocalStack;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay demo}: the whole pipeline on a fresh embedded stack, ending in a reconciled report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Fresh embedded stack on free ports: produce events with faults, stream them into Bronze, promote to Silver and Gold through the gates,"
        + " relax a contract and replay the dead letters it recovers, transform again, reconcile, report (JSON).")
public final class DemoCommand implements Callable<Integer> {
  private final AssayConfig config;

  @Option(names = "--events", defaultValue = "20000", description = "events in all (default ${DEFAULT-VALUE})")
  long events;

  @Option(names = "--fault-rate", defaultValue = "0.05", description = "share of events broken on purpose (default ${DEFAULT-VALUE})")
  double faultRate;

  @Option(names = "--seed", defaultValue = "42", description = "seed for repeatable data (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--report", description = "also write the JSON report to this file")
  Path report;

  public DemoCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    Path demoDir = config.dataDir().resolve("demo");
    FreshDirectory.wipe(demoDir); // the demo reconciles one run exactly, so it starts from nothing
    String runId = RunIds.next();
    RunReport out = new RunReport(runId);
    try (LocalStack stack = LocalStack.start(demoDir.resolve("stack"), 0, 0, config.kafka().partitions())) {
      AssayConfig demo = config.withDataDir(demoDir).withEndpoints(stack.bootstrapServers(), stack.registryUrl());
      ProduceOptions options = new ProduceOptions(events, 0, faultRate, demo.contracts().topics(), seed);
      StepClock clock = new StepClock(out.section("timings_s"));
      ProduceStep.Result produced = ProduceStep.run(demo, options, runId, Progress.toStderr("produce"));
      clock.lap("produce");
      ProduceReporting.addProduceSection(out, produced);
      Map<String, Long> inKafka = TopicOffsets.messageCounts(demo.kafka(), demo.contracts().topics());
      out.counts("in_kafka", inKafka);
      out.reconcile("kafka.messages_per_topic", produced.counts().produced(), inKafka);
      IngestStep.run(demo, Optional.empty());
      clock.lap("ingest");
      BronzeReporting.addBronzeSections(out, demo, produced.ledgerFile(), inKafka);
      SparkSession spark = IngestStep.session(demo);
      clock.lap("bronze_report");
      PromotionResult promoted = Promotion.forLake(spark, demo.lake(), runId, demo.lineage()).transform();
      clock.lap("transform");
      promoted.summaryLines().forEach(System.err::println);
      PromotionReporting.addGateSection(out, promoted);
      if (!promoted.halted()) {
        DeadLetterCycleReporting.Outcome cycle = DeadLetterCycleReporting.run(out, spark, demo, demoDir, produced.ledgerFile(), runId);
        clock.lap("dead_letter_cycle");
        if (!cycle.transform().halted()) {
          PromotionReporting.addGoldSections(out, spark, demo.lake(), produced.ledgerFile(), cycle.replayed());
          clock.lap("gold_report");
        }
      }
      out.section("stack").put("bootstrap_servers", stack.bootstrapServers()).put("schema_registry", stack.registryUrl().toString())
          .put("data_dir", demoDir.toAbsolutePath().toString());
    }
    System.out.println(out.toJson());
    if (report != null) {
      out.writeTo(report);
      System.err.println("report written to " + report.toAbsolutePath());
    }
    return out.reconciled() ? 0 : 1;
  }
}
