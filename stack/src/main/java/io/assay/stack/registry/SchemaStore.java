package io.assay.stack.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's rules over its state: subjects and their versions, global schema ids, and
 * compatibility levels. Every change goes to the {@link RegistryLog} before memory, so what was
 * answered is what survives a restart. One lock: the registry's traffic is tiny.
 */
final class SchemaStore implements AutoCloseable {

  static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;

  private final Map<String, List<SchemaVersion>> versionsBySubject = new TreeMap<>();
  private final Map<Integer, NormalizedSchema> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchemaJson = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectCompatibility = new HashMap<>();
  private CompatibilityLevel globalCompatibility = DEFAULT_COMPATIBILITY;
  private int lastId;
  private final RegistryLog log;

  private SchemaStore(Path dataDir) {
    this.log = RegistryLog.open(dataDir, new RegistryLog.Replay() {
      @Override
      public void schemaVersionAdded(SchemaVersion version) {
        remember(version);
      }

      @Override
      public void compatibilitySet(Optional<String> subject, CompatibilityLevel level) {
        rememberCompatibility(subject, level);
      }
    });
  }

  static SchemaStore open(Path dataDir) {
    return new SchemaStore(dataDir);
  }

  /** Registers the schema as the subject's next version, or returns the version already holding it. */
  synchronized SchemaVersion register(String subject, NormalizedSchema schema) {
    List<SchemaVersion> existing = versionsBySubject.getOrDefault(subject, List.of());
    Optional<SchemaVersion> same = find(existing, schema);
    if (same.isPresent()) {
      return same.get();
    }
    CompatibilityLevel level = compatibilityOf(subject);
    List<String> problems = level.incompatibilities(schema.schema(), existing);
    if (!problems.isEmpty()) {
      throw RegistryError.incompatible(subject, level.name(), problems);
    }
    // Confluent hands out one id per distinct schema, shared by every subject that registers it.
    int id = idsBySchemaJson.getOrDefault(schema.json(), lastId + 1);
    int version = existing.isEmpty() ? 1 : existing.get(existing.size() - 1).version() + 1;
    SchemaVersion created = new SchemaVersion(subject, version, id, schema);
    log.appendSchemaVersion(created);
    remember(created);
    return created;
  }

  /** The version of the subject holding exactly this schema. */
  synchronized SchemaVersion lookup(String subject, NormalizedSchema schema) {
    return find(existingVersions(subject), schema).orElseThrow(() -> RegistryError.schemaNotFound(subject));
  }

  synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  synchronized List<Integer> versions(String subject) {
    return existingVersions(subject).stream().map(SchemaVersion::version).toList();
  }

  synchronized SchemaVersion latest(String subject) {
    List<SchemaVersion> versions = existingVersions(subject);
    return versions.get(versions.size() - 1);
  }

  synchronized SchemaVersion version(String subject, int version) {
    return existingVersions(subject).stream()
        .filter(v -> v.version() == version)
        .findFirst()
        .orElseThrow(() -> RegistryError.versionNotFound(subject, version));
  }

  synchronized NormalizedSchema schemaById(int id) {
    NormalizedSchema schema = schemasById.get(id);
    if (schema == null) {
      throw RegistryError.schemaIdNotFound(id);
    }
    return schema;
  }

  /** Every subject version holding the schema with this id. */
  synchronized List<SchemaVersion> usagesOf(int id) {
    schemaById(id);
    List<SchemaVersion> usages = new ArrayList<>();
    versionsBySubject.values().forEach(versions -> versions.stream().filter(v -> v.id() == id).forEach(usages::add));
    return List.copyOf(usages);
  }

  /** What stops the schema from following one given version of the subject, at the subject's level. */
  synchronized List<String> incompatibilitiesWith(SchemaVersion earlier, NormalizedSchema candidate) {
    return compatibilityOf(earlier.subject()).incompatibilities(candidate.schema(), List.of(earlier));
  }

  /** What stops the schema from being registered next; a subject that does not exist yet takes anything. */
  synchronized List<String> incompatibilitiesWithSubject(String subject, NormalizedSchema candidate) {
    return compatibilityOf(subject).incompatibilities(
        candidate.schema(), versionsBySubject.getOrDefault(subject, List.of()));
  }

  synchronized CompatibilityLevel globalCompatibility() {
    return globalCompatibility;
  }

  synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    return Optional.ofNullable(subjectCompatibility.get(subject));
  }

  synchronized void setCompatibility(Optional<String> subject, CompatibilityLevel level) {
    log.appendCompatibility(subject, level);
    rememberCompatibility(subject, level);
  }

  @Override
  public synchronized void close() {
    log.close();
  }

  private CompatibilityLevel compatibilityOf(String subject) {
    return subjectCompatibility.getOrDefault(subject, globalCompatibility);
  }

  private List<SchemaVersion> existingVersions(String subject) {
    List<SchemaVersion> versions = versionsBySubject.get(subject);
    if (versions == null) {
      throw RegistryError.subjectNotFound(subject);
    }
    return versions;
  }

  private static Optional<SchemaVersion> find(List<SchemaVersion> versions, NormalizedSchema schema) {
    return versions.stream().filter(v -> v.schema().json().equals(schema.json())).findFirst();
  }

  private void remember(SchemaVersion version) {
    versionsBySubject.computeIfAbsent(version.subject(), s -> new ArrayList<>()).add(version);
    schemasById.putIfAbsent(version.id(), version.schema());
    idsBySchemaJson.putIfAbsent(version.schema().json(), version.id());
    lastId = Math.max(lastId, version.id());
  }

  private void rememberCompatibility(Optional<String> subject, CompatibilityLevel level) {
    subject.ifPresentOrElse(s -> subjectCompatibility.put(s, level), () -> globalCompatibility = level);
  }
}
