package io.assay.cli.steps;

import io.assay.schemas.contract.ContractCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The demo's contract change: a copy of the contracts in force with every event-time window's
 * {@code max_age} widened, as a team would after learning that late events are legitimate. It recovers
 * the demo's stale-event dead letters and nothing else.
 */
public final class RelaxedContracts {
  public static final String MAX_AGE = "P30D";

  private RelaxedContracts() {}

  /** Writes the changed copy into {@code dir} and returns it. */
  public static Path write(ContractCatalog inForce, Path dir) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> file : inForce.sourceFiles().entrySet()) {
        String text = file.getValue();
        if (file.getKey().endsWith(".contract.yaml")) {
          text = text.replaceAll("max_age:\\s*P[0-9A-Z]+", "max_age: " + MAX_AGE);
        }
        Files.writeString(dir.resolve(file.getKey()), text);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the relaxed contracts to " + dir, e);
    }
  }
}
