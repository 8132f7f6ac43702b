package io.assay.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API (Avro only); works against Confluent Platform,
 * Confluent Cloud and Assay's own registry alike. Thread-safe.
 *
 * <p>Ids are immutable in the registry, so schemas by id and ids by (subject, schema) are cached for
 * the life of the client. Everything else (latest, versions, config) is always asked fresh.
 */
public class SchemaRegistryClient {

  private final RegistryTransport transport;
  private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  /** Keyed by the schema's full JSON: Avro's Schema.equals ignores docs, which the registry does not. */
  private record SubjectSchema(String subject, String schemaJson) {}

  public SchemaRegistryClient(RegistrySettings settings) {
    this.transport = new RegistryTransport(Objects.requireNonNull(settings, "settings"));
  }

  /** Registers the schema under the subject, or finds it if already there, and returns its global id. */
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(requireSubject(subject), Objects.requireNonNull(schema, "schema").toString());
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = transport.send("POST", subjectPath(subject) + "/versions", schemaBody(schema));
    int id = requiredInt(answer, "id", "register under " + subject);
    idsBySubjectSchema.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  /** The schema with this global id, e.g. the writer schema named by a message's header. */
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = transport.get("/schemas/ids/" + id);
    Schema schema = parse(requiredText(answer, "schema", "schema id " + id), "schema id " + id);
    Schema winner = schemasById.putIfAbsent(id, schema);
    return winner == null ? schema : winner;
  }

  public RegisteredSchema latest(String subject) {
    return registeredSchema(transport.get(subjectPath(requireSubject(subject)) + "/versions/latest"), subject);
  }

  public RegisteredSchema version(String subject, int version) {
    if (version < 1) {
      throw new IllegalArgumentException("schema versions start at 1, got " + version + ": use latest(subject) for the newest");
    }
    return registeredSchema(transport.get(subjectPath(requireSubject(subject)) + "/versions/" + version), subject);
  }

  public List<Integer> versions(String subject) {
    JsonNode answer = transport.get(subjectPath(requireSubject(subject)) + "/versions");
    List<Integer> versions = new ArrayList<>();
    requiredArray(answer, "versions of " + subject).forEach(v -> versions.add(v.asInt()));
    return List.copyOf(versions);
  }

  public List<String> subjects() {
    JsonNode answer = transport.get("/subjects");
    List<String> subjects = new ArrayList<>();
    requiredArray(answer, "subjects").forEach(s -> subjects.add(s.asText()));
    return List.copyOf(subjects);
  }

  /**
   * Whether the schema could be registered next under the subject's compatibility level, checked
   * against the latest version. A subject that does not exist yet is a {@link RegistryException}
   * with error_code 40401, as Confluent answers.
   */
  public boolean isCompatible(String subject, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    JsonNode answer = transport.send("POST",
        "/compatibility" + subjectPath(requireSubject(subject)) + "/versions/latest", schemaBody(schema));
    JsonNode verdict = answer.path("is_compatible");
    if (!verdict.isBoolean()) {
      throw malformed("compatibility check for " + subject, "is_compatible", answer);
    }
    return verdict.booleanValue();
  }

  /**
   * Why the schema could not be registered next under the subject's compatibility level, in the
   * registry's own words ({@code ?verbose=true}); empty when it could, or when the subject does not exist yet.
   */
  public List<String> compatibilityProblems(String subject, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    JsonNode answer;
    try {
      answer = transport.send("POST",
          "/compatibility" + subjectPath(requireSubject(subject)) + "/versions/latest?verbose=true", schemaBody(schema));
    } catch (RegistryException e) {
      if (e.errorCode() == 40401 || e.errorCode() == 40402) {
        return List.of(); // nothing registered yet: any schema may be the first
      }
      throw e;
    }
    JsonNode verdict = answer.path("is_compatible");
    if (!verdict.isBoolean()) {
      throw malformed("compatibility check for " + subject, "is_compatible", answer);
    }
    if (verdict.booleanValue()) {
      return List.of();
    }
    List<String> messages = new ArrayList<>();
    answer.path("messages").forEach(m -> messages.add(m.asText()));
    return messages.isEmpty() ? List.of("the registry answered is_compatible: false without a reason") : List.copyOf(messages);
  }

  /** The subject's compatibility level (the global one if the subject has none), or the global one. */
  public String compatibility(Optional<String> subject) {
    String path = subject.map(s -> "/config/" + RegistryTransport.segment(requireSubject(s)) + "?defaultToGlobal=true")
        .orElse("/config");
    return requiredText(transport.get(path), "compatibilityLevel", "config of " + subject.orElse("the registry"));
  }

  public void setCompatibility(Optional<String> subject, String level) {
    Objects.requireNonNull(level, "level");
    String path = subject.map(s -> "/config/" + RegistryTransport.segment(requireSubject(s))).orElse("/config");
    transport.send("PUT", path, Map.of("compatibility", level.trim().toUpperCase(Locale.ROOT)));
  }

  private RegisteredSchema registeredSchema(JsonNode answer, String subject) {
    String context = "version of " + subject;
    return new RegisteredSchema(
        answer.path("subject").asText(subject),
        requiredInt(answer, "id", context),
        requiredInt(answer, "version", context),
        parse(requiredText(answer, "schema", context), context));
  }

  private static Map<String, String> schemaBody(Schema schema) {
    // schemaType is left out: AVRO is the default and older registries reject the field.
    return Map.of("schema", schema.toString());
  }

  private static String subjectPath(String subject) {
    return "/subjects/" + RegistryTransport.segment(subject);
  }

  private static String requireSubject(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank: use e.g. \"<topic>-value\"");
    }
    return subject;
  }

  private static Schema parse(String schemaJson, String context) {
    try {
      return new Schema.Parser().parse(schemaJson);
    } catch (RuntimeException e) {
      throw new RegistryException(0, 200, "the registry returned a schema for " + context
          + " that Avro cannot parse (" + e.getMessage() + "): is the subject holding a non-Avro schema?");
    }
  }

  private static int requiredInt(JsonNode answer, String field, String context) {
    JsonNode value = answer.path(field);
    if (!value.isInt()) {
      throw malformed(context, field, answer);
    }
    return value.intValue();
  }

  private static String requiredText(JsonNode answer, String field, String context) {
    JsonNode value = answer.path(field);
    if (!value.isTextual()) {
      throw malformed(context, field, answer);
    }
    return value.textValue();
  }

  private static JsonNode requiredArray(JsonNode answer, String context) {
    if (!answer.isArray()) {
      throw new RegistryException(0, 200, "the registry's answer for " + context + " is not a JSON array: " + answer);
    }
    return answer;
  }

  private static RegistryException malformed(String context, String field, JsonNode answer) {
    return new RegistryException(0, 200, "the registry's answer for " + context + " lacks '" + field
        + "': " + answer + ". Is the URL pointing at a Confluent-compatible schema registry?");
  }
}
