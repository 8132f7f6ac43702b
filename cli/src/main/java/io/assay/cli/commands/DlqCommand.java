package io.assay.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code assay dlq}: the dead letters after they were written: inspect, replay after a fix, or discard. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = "Dead letters: summary, show, replay (after a fix), discard (knowingly).",
    subcommands = {DlqSummaryCommand.class, DlqShowCommand.class, DlqReplayCommand.class, DlqDiscardCommand.class})
public final class DlqCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a dlq command: summary, show, replay or discard (see --help)");
  }
}
