package io.assay.ingestion.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A ledger read back from its JSON lines, for reconciliation. */
public record Ledger(List<LedgerEntry> entries) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Ledger {
    entries = List.copyOf(entries);
  }

  public static Ledger read(Path file) {
    List<LedgerEntry> entries = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          entries.add(JSON.readValue(line, LedgerEntry.class));
        } catch (IOException e) {
          throw new IllegalStateException("ledger " + file + " line " + number + " is not a ledger entry: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ledger " + file, e);
    }
    return new Ledger(entries);
  }

  public ProduceCounts counts() {
    ProduceCounts counts = new ProduceCounts();
    entries.forEach(counts::record);
    return counts;
  }
}
