package io.assay.cli.commands;

import io.assay.cli.config.AssayConfig;
import io.assay.promotion.Promotion;
import io.assay.promotion.PromotionResult;
import io.assay.cli.steps.IngestStep;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay gate}: the gates alone over committed tables, for the hourly quality run. */
@Command(name = "gate", mixinStandardHelpOptions = true,
    description = "Run the quality gates over the committed tables of a layer; results go to quality_results.")
public final class GateCommand implements Callable<Integer> {
  private final AssayConfig config;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--layer", defaultValue = "all", description = "bronze, silver, gold or all (default ${DEFAULT-VALUE})")
  String layer;

  public GateCommand(AssayConfig config) {
    this.config = config;
  }

  @Override
  public Integer call() {
    if (!"all".equals(layer) && !Promotion.LAYERS.contains(layer)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--layer must be one of bronze, silver, gold, all; got '" + layer + "'");
    }
    List<String> layers = "all".equals(layer) ? Promotion.LAYERS : List.of(layer);
    Promotion promotion = Promotion.forLake(IngestStep.session(config), config.lake(), RunIds.next(), config.lineage());
    PromotionResult result = promotion.gateOnly(layers);
    result.summaryLines().forEach(System.out::println);
    promotion.quarantineHeld(layers).forEach((table, held) -> System.out.println("quarantine " + table + ": " + held));
    return result.halted() ? ExitCodes.GATE_FAILED : ExitCodes.OK;
  }
}
