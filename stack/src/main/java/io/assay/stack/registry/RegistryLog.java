package io.assay.stack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable state: every accepted change as one JSON line in {@code registry.log},
 * forced to disk before the change is answered, and replayed in order on start.
 *
 * <p>The file is locked while open, because two registries appending to one log would hand out
 * the same ids.
 */
final class RegistryLog implements AutoCloseable {

  static final String FILE_NAME = "registry.log";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Receives the log's changes, oldest first. */
  interface Replay {
    void schemaVersionAdded(SchemaVersion version);

    void compatibilitySet(Optional<String> subject, CompatibilityLevel level);
  }

  private final Path file;
  private final FileChannel channel;

  private RegistryLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens (or creates) the log in {@code dataDir} and replays it into {@code replay}. */
  static RegistryLog open(Path dataDir, Replay replay) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      lock(channel, dataDir);
      byte[] content = Files.readAllBytes(file);
      int end = dropTornTail(channel, file, content);
      replay(file, new String(content, 0, end, StandardCharsets.UTF_8), replay);
      channel.position(end);
      return new RegistryLog(file, channel);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot open the schema registry log " + file + " (" + e.getMessage()
          + "): check that the data directory exists and is writable", e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  void appendSchemaVersion(SchemaVersion version) {
    ObjectNode entry = JSON.createObjectNode()
        .put("type", "schema")
        .put("subject", version.subject())
        .put("version", version.version())
        .put("id", version.id())
        .put("schema", version.schema().json());
    append(entry);
  }

  void appendCompatibility(Optional<String> subject, CompatibilityLevel level) {
    ObjectNode entry = JSON.createObjectNode().put("type", "config");
    subject.ifPresent(s -> entry.put("subject", s));
    entry.put("compatibility", level.name());
    append(entry);
  }

  private void append(ObjectNode entry) {
    try {
      ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
      while (line.hasRemaining()) {
        channel.write(line);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the schema registry log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("Could not close the schema registry log {}: {}", file, e.getMessage());
    }
  }

  private static void lock(FileChannel channel, Path dataDir) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IllegalStateException("another schema registry is already using " + dataDir
          + ": stop it or give this one another data directory");
    }
  }

  /** A crash mid-append leaves a partial last line; cut it so the next append starts a clean line. */
  private static int dropTornTail(FileChannel channel, Path file, byte[] content) throws IOException {
    int end = content.length;
    while (end > 0 && content[end - 1] != '\n') {
      end--;
    }
    if (end < content.length) {
      LOG.warn("Dropping {} bytes of an unfinished last entry in {}", content.length - end, file);
      channel.truncate(end);
      channel.force(false);
    }
    return end;
  }

  private static void replay(Path file, String content, Replay replay) {
    String[] lines = content.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        apply(JSON.readTree(lines[i]), replay);
      } catch (JsonProcessingException | RegistryError | IllegalArgumentException e) {
        throw new IllegalStateException("schema registry log " + file + " line " + (i + 1) + " is unreadable ("
            + e.getMessage() + "): restore the file from a backup, or move it aside to start an empty registry", e);
      }
    }
  }

  private static void apply(JsonNode entry, Replay replay) {
    String type = entry.path("type").asText();
    switch (type) {
      case "schema" -> replay.schemaVersionAdded(new SchemaVersion(
          required(entry, "subject").asText(),
          required(entry, "version").asInt(),
          required(entry, "id").asInt(),
          NormalizedSchema.parse(required(entry, "schema").asText())));
      case "config" -> replay.compatibilitySet(
          Optional.ofNullable(entry.get("subject")).map(JsonNode::asText),
          CompatibilityLevel.parse(required(entry, "compatibility").asText()));
      default -> throw new IllegalArgumentException("unknown entry type '" + type
          + "' (written by a newer Assay?)");
    }
  }

  private static JsonNode required(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("entry lacks '" + field + "'");
    }
    return value;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // already failing; the original error is the one worth reporting
      }
    }
  }
}
