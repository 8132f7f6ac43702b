package io.assay.lake.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each OpenLineage event to a file as one JSON line, in one write. OpenLineage's own
 * FileTransport writes through {@code Files.write}, which the JDK splits into 8 KB pieces: with the
 * Spark listener and Assay's emitter appending to the same file (and Airflow's provider, and other
 * Assay processes), an event over 8 KB could be cut by another's. Here a line is one {@code write(2)}
 * on a file opened for append, which Linux keeps whole against other appenders; the lock keeps this
 * JVM's writers from racing on a partial write's remainder.
 */
public final class LineFileTransport extends Transport {
  private static final Logger LOG = LoggerFactory.getLogger(LineFileTransport.class);
  private static final Object APPEND_LOCK = new Object();

  private final Path file;

  public LineFileTransport(Path file) {
    this.file = file.toAbsolutePath();
  }

  @Override
  public void emit(OpenLineage.RunEvent event) {
    append(OpenLineageClientUtils.toJson(event));
  }

  @Override
  public void emit(OpenLineage.DatasetEvent event) {
    append(OpenLineageClientUtils.toJson(event));
  }

  @Override
  public void emit(OpenLineage.JobEvent event) {
    append(OpenLineageClientUtils.toJson(event));
  }

  private void append(String json) {
    // One event per line: a line break inside the JSON (there is none in Jackson's compact output) would split it.
    ByteBuffer line = ByteBuffer.wrap((json.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
    synchronized (APPEND_LOCK) {
      try {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
          while (line.hasRemaining()) {
            channel.write(line);
          }
        }
      } catch (IOException e) {
        // Lineage is a record of the run, not part of it (as OpenLineage's FileTransport): say so, go on.
        LOG.warn("could not append an OpenLineage event to {}: {}", file, e.toString());
      }
    }
  }
}
