package io.assay.stack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's state: global schema ids, each subject's versions, compatibility levels. Every
 * accepted change is appended to a log before it is answered, and replayed on start, the way
 * Confluent's registry replays its {@code _schemas} topic.
 */
final class SchemaStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A registered version of a subject. */
  record Version(String subject, int version, int id, String schema) {}

  private final Map<Integer, String> schemaById = new HashMap<>();
  private final Map<String, Integer> idBySchema = new HashMap<>();
  private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();
  private final Map<String, Compatibility> subjectLevels = new HashMap<>();
  private Compatibility globalLevel = Compatibility.BACKWARD;
  private final BufferedWriter log;

  SchemaStore(Path dataDir) {
    Path file = dataDir.resolve("registry.log");
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            apply(JSON.readTree(line));
          }
        }
      }
      log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the registry's log " + file, e);
    }
  }

  synchronized int register(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    String canonical = schema.toString();
    List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
    for (int id : ids) {
      if (schemaById.get(id).equals(canonical)) {
        return id; // already registered: no new version
      }
    }
    List<String> problems = levelOf(subject).problems(schema, ids.stream().map(id -> parse(schemaById.get(id))).toList());
    if (!problems.isEmpty()) {
      throw new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
          + subject + "\" (" + levelOf(subject) + "): " + String.join("; ", problems));
    }
    int id = idBySchema.getOrDefault(canonical, schemaById.size() + 1);
    ObjectNode entry = JSON.createObjectNode().put("op", "register").put("subject", subject).put("id", id).put("schema", canonical);
    append(entry);
    apply(entry);
    return id;
  }

  synchronized Optional<Version> lookup(String subject, String schemaText) {
    String canonical = parse(schemaText).toString();
    List<Integer> ids = idsOf(subject);
    for (int i = 0; i < ids.size(); i++) {
      if (schemaById.get(ids.get(i)).equals(canonical)) {
        return Optional.of(new Version(subject, i + 1, ids.get(i), canonical));
      }
    }
    return Optional.empty();
  }

  synchronized boolean isCompatible(String subject, String schemaText, String version) {
    Version against = version(subject, version);
    Compatibility level = levelOf(subject);
    List<Schema> previous = new ArrayList<>();
    for (int id : idsOf(subject).subList(0, against.version())) {
      previous.add(parse(schemaById.get(id)));
    }
    boolean transitive = level.name().endsWith("_TRANSITIVE");
    return level.problems(parse(schemaText), transitive ? previous : List.of(previous.get(previous.size() - 1))).isEmpty();
  }

  synchronized Version version(String subject, String version) {
    List<Integer> ids = idsOf(subject);
    int number;
    if ("latest".equals(version) || "-1".equals(version)) {
      number = ids.size();
    } else {
      try {
        number = Integer.parseInt(version);
      } catch (NumberFormatException e) {
        throw new RegistryError(422, 42202, "Invalid version " + version + ": use a positive number or latest");
      }
    }
    if (number < 1 || number > ids.size()) {
      throw RegistryError.versionNotFound(version);
    }
    int id = ids.get(number - 1);
    return new Version(subject, number, id, schemaById.get(id));
  }

  synchronized List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    for (int i = 1; i <= idsOf(subject).size(); i++) {
      versions.add(i);
    }
    return versions;
  }

  synchronized List<String> subjects() {
    return List.copyOf(idsBySubject.keySet());
  }

  synchronized String schema(int id) {
    String schema = schemaById.get(id);
    if (schema == null) {
      throw RegistryError.schemaNotFound("" + id);
    }
    return schema;
  }

  /** Subjects and versions that use a schema id. */
  synchronized List<Version> usesOf(int id) {
    schema(id);
    List<Version> uses = new ArrayList<>();
    idsBySubject.forEach((subject, ids) -> {
      for (int i = 0; i < ids.size(); i++) {
        if (ids.get(i) == id) {
          uses.add(new Version(subject, i + 1, id, schemaById.get(id)));
        }
      }
    });
    return uses;
  }

  synchronized Compatibility globalLevel() {
    return globalLevel;
  }

  synchronized Optional<Compatibility> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  synchronized void setLevel(Optional<String> subject, Compatibility level) {
    ObjectNode entry = JSON.createObjectNode().put("op", "config").put("level", level.name());
    subject.ifPresent(s -> entry.put("subject", s));
    append(entry);
    apply(entry);
  }

  private Compatibility levelOf(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  private List<Integer> idsOf(String subject) {
    List<Integer> ids = idsBySubject.get(subject);
    if (ids == null) {
      throw RegistryError.subjectNotFound(subject);
    }
    return ids;
  }

  private void apply(JsonNode entry) {
    switch (entry.path("op").asText()) {
      case "register" -> {
        int id = entry.path("id").asInt();
        String schema = entry.path("schema").asText();
        schemaById.put(id, schema);
        idBySchema.put(schema, id);
        idsBySubject.computeIfAbsent(entry.path("subject").asText(), s -> new ArrayList<>()).add(id);
      }
      case "config" -> {
        Compatibility level = Compatibility.valueOf(entry.path("level").asText());
        if (entry.hasNonNull("subject")) {
          subjectLevels.put(entry.path("subject").asText(), level);
        } else {
          globalLevel = level;
        }
      }
      default -> throw new IllegalStateException("unknown entry in the registry's log: " + entry);
    }
  }

  private void append(ObjectNode entry) {
    try {
      log.write(entry.toString());
      log.newLine();
      log.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the registry's log", e);
    }
  }

  private static Schema parse(String text) {
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException | NullPointerException e) {
      throw RegistryError.invalidSchema(e.getMessage());
    } catch (RuntimeException e) {
      throw RegistryError.invalidSchema(e.toString());
    }
  }

  @Override
  public synchronized void close() {
    try {
      log.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
