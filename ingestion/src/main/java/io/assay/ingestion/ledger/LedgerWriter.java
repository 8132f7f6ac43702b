package io.assay.ingestion.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Appends ledger entries as JSON lines. Thread-safe: Kafka's callbacks write from their own thread. */
public final class LedgerWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final BufferedWriter out;

  public LedgerWriter(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the ledger " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  public synchronized void write(LedgerEntry entry) {
    try {
      out.write(JSON.writeValueAsString(entry));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ledger " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the ledger " + file, e);
    }
  }
}
