package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.promotion.Promotion;
import io.assay.promotion.PromotionResult;
import io.assay.cli.steps.IngestStep;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code assay transform}: Bronze → Silver → Gold, every promotion behind its gate. */
@Command(name = "transform", mixinStandardHelpOptions = true,
    description = "Run the Silver and Gold models with gates: Bronze gate, Silver (staged, gated, committed), Gold likewise.")
public final class TransformCommand implements Callable<Integer> {
  private final AssayConfig config;

  public TransformCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    PromotionResult result = Promotion.forLake(IngestStep.session(config), config.lake(), RunIds.next(), config.lineage()).transform();
    result.summaryLines().forEach(System.out::println);
    result.haltedAt().ifPresent(layer -> System.out.println(
        "nothing from the " + layer + " layer onwards was promoted: those tables keep their Delta versions"));
    return result.halted() ? ExitCodes.GATE_FAILED : ExitCodes.OK;
  }
}
