package io.assay.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code assay contract}: the contracts as a change to review. */
@Command(name = "contract", mixinStandardHelpOptions = true,
    description = "Contracts: diff a proposed set against the ones in force.",
    subcommands = {ContractDiffCommand.class})
public final class ContractCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a contract command: diff (see --help)");
  }
}
