package io.assay.cli;

import io.assay.cli.commands.BenchCommand;
import io.assay.cli.commands.ContractCommand;
import io.assay.cli.commands.DemoCommand;
import io.assay.cli.commands.DlqCommand;
import io.assay.cli.commands.ExitCodes;
import io.assay.cli.commands.GateCommand;
import io.assay.cli.commands.IngestCommand;
import io.assay.cli.commands.LineageCommand;
import io.assay.cli.commands.ProduceCommand;
import io.assay.cli.commands.ReconcileCommand;
import io.assay.cli.commands.ServeCommand;
import io.assay.cli.commands.TablesCommand;
import io.assay.cli.commands.TransformCommand;
import io.assay.cli.commands.UpCommand;
import io.assay.cli.config.AssayConfig;
import io.assay.cli.config.Environment;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code assay} command line; also the main class of the spark-submit jar. */
@Command(
    name = "assay",
    mixinStandardHelpOptions = true,
    version = "assay 0.1.0",
    description = "A contract-driven streaming lakehouse: contracts enforced at the producer, at Bronze, and at every promotion.",
    subcommands = {UpCommand.class, ProduceCommand.class, IngestCommand.class, TransformCommand.class, GateCommand.class,
        TablesCommand.class, ServeCommand.class, DemoCommand.class, ReconcileCommand.class, LineageCommand.class,
        DlqCommand.class, ContractCommand.class, BenchCommand.class})
public final class Assay implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int exitCode = run(args);
    // Stop Spark before exiting, so a local-cluster's executors wind down instead of being cut off.
    org.apache.spark.sql.SparkSession.getDefaultSession().foreach(session -> {
      session.stop();
      return null;
    });
    System.exit(exitCode);
  }

  /** Runs a command line and returns its exit code: 0 done, 1 failed, 2 wrong usage, 3 a gate failed (see {@link ExitCodes}). */
  public static int run(String... args) {
    AssayConfig config = AssayConfig.from(Environment.load(Path.of(".env")));
    return commandLine(config).execute(args);
  }

  public static CommandLine commandLine(AssayConfig config) {
    CommandLine commandLine = new CommandLine(new Assay(), new ConfigFactory(config));
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
      cmd.getErr().println("assay " + cmd.getCommandName() + ": error: " + messageOf(error));
      if (Boolean.getBoolean("assay.debug")) {
        error.printStackTrace(cmd.getErr());
      }
      return ExitCodes.ERROR;
    });
    return commandLine;
  }

  private static String messageOf(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.toString() : message;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a command: up, produce, ingest, transform, gate, tables, serve, demo, reconcile, lineage, dlq, contract or bench (see --help)");
  }

  /** Hands the one configuration to every command that asks for it. */
  private record ConfigFactory(AssayConfig config) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(AssayConfig.class).newInstance(config);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
