package io.assay.stack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Maps Confluent's REST paths onto the {@link SchemaStore}; knows HTTP shapes, not registry rules. */
final class RegistryRoutes {

  private static final int LATEST = -1;

  private final SchemaStore store;

  RegistryRoutes(SchemaStore store) {
    this.store = store;
  }

  JsonReply answer(RegistryRequest request) {
    List<String> path = request.path();
    if (path.isEmpty()) {
      return only(request, "GET", Map::of);
    }
    return switch (path.get(0)) {
      case "subjects" -> subjects(request, path);
      case "schemas" -> schemas(request, path);
      case "compatibility" -> compatibility(request, path);
      case "config" -> config(request, path);
      default -> throw RegistryError.endpointNotFound();
    };
  }

  private JsonReply subjects(RegistryRequest request, List<String> path) {
    if (path.size() == 1) {
      return only(request, "GET", store::subjects);
    }
    String subject = path.get(1);
    if (path.size() == 2) {
      return only(request, "POST", () -> versionBody(store.lookup(subject, schemaOf(request))));
    }
    if (!path.get(2).equals("versions") || path.size() > 4) {
      throw RegistryError.endpointNotFound();
    }
    if (path.size() == 4) {
      return only(request, "GET", () -> versionBody(versionOf(subject, path.get(3))));
    }
    return switch (request.method()) {
      case "GET" -> JsonReply.ok(store.versions(subject));
      case "POST" -> JsonReply.ok(Map.of("id", store.register(subject, schemaOf(request)).id()));
      default -> throw RegistryError.methodNotAllowed();
    };
  }

  private JsonReply schemas(RegistryRequest request, List<String> path) {
    if (path.size() < 3 || path.size() > 4 || !path.get(1).equals("ids")) {
      throw RegistryError.endpointNotFound();
    }
    int id = idOf(path.get(2));
    if (path.size() == 3) {
      return only(request, "GET", () -> Map.of("schema", store.schemaById(id).json()));
    }
    return switch (path.get(3)) {
      case "versions" -> only(request, "GET", () -> page(request, usages(request, id).stream()
          .map(v -> Map.of("subject", v.subject(), "version", v.version()))
          .toList()));
      case "subjects" -> only(request, "GET", () -> page(request, usages(request, id).stream()
          .map(SchemaVersion::subject).distinct().sorted().toList()));
      default -> throw RegistryError.endpointNotFound();
    };
  }

  /** Where a schema id is used, narrowed to one subject by {@code ?subject=} as Confluent's clients may ask. */
  private List<SchemaVersion> usages(RegistryRequest request, int id) {
    String subject = request.query().get("subject");
    return store.usagesOf(id).stream().filter(v -> subject == null || v.subject().equals(subject)).toList();
  }

  /** Confluent's {@code offset} and {@code limit} (negative: no limit), which its clients always send. */
  private static <T> List<T> page(RegistryRequest request, List<T> all) {
    int offset = Math.max(0, intParameter(request, "offset", 0));
    int limit = intParameter(request, "limit", -1);
    List<T> rest = all.subList(Math.min(offset, all.size()), all.size());
    return limit < 0 ? rest : rest.subList(0, Math.min(limit, rest.size()));
  }

  private static int intParameter(RegistryRequest request, String name, int fallback) {
    String value = request.query().get(name);
    try {
      return value == null || value.isEmpty() ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw RegistryError.malformedUri("query parameter " + name + "=" + value + " is not a whole number");
    }
  }

  /** /compatibility/subjects/{s}/versions[/{v}]: without a version, checks what registering would. */
  private JsonReply compatibility(RegistryRequest request, List<String> path) {
    if (path.size() < 4 || path.size() > 5 || !path.get(1).equals("subjects") || !path.get(3).equals("versions")) {
      throw RegistryError.endpointNotFound();
    }
    String subject = path.get(2);
    return only(request, "POST", () -> {
      NormalizedSchema candidate = schemaOf(request);
      List<String> problems = path.size() == 4
          ? store.incompatibilitiesWithSubject(subject, candidate)
          : store.incompatibilitiesWith(versionOf(subject, path.get(4)), candidate);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("is_compatible", problems.isEmpty());
      if (request.flag("verbose")) {
        body.put("messages", problems);
      }
      return body;
    });
  }

  private JsonReply config(RegistryRequest request, List<String> path) {
    if (path.size() > 2) {
      throw RegistryError.endpointNotFound();
    }
    Optional<String> subject = path.size() == 2 ? Optional.of(path.get(1)) : Optional.empty();
    return switch (request.method()) {
      case "GET" -> JsonReply.ok(Map.of("compatibilityLevel", configuredLevel(subject, request).name()));
      case "PUT" -> {
        CompatibilityLevel level = CompatibilityLevel.parse(request.jsonBody().path("compatibility").asText(null));
        store.setCompatibility(subject, level);
        yield JsonReply.ok(Map.of("compatibility", level.name()));
      }
      default -> throw RegistryError.methodNotAllowed();
    };
  }

  private CompatibilityLevel configuredLevel(Optional<String> subject, RegistryRequest request) {
    if (subject.isEmpty()) {
      return store.globalCompatibility();
    }
    Optional<CompatibilityLevel> own = store.subjectCompatibility(subject.get());
    if (own.isPresent()) {
      return own.get();
    }
    if (request.flag("defaultToGlobal")) {
      return store.globalCompatibility();
    }
    throw RegistryError.subjectCompatibilityNotFound(subject.get());
  }

  private SchemaVersion versionOf(String subject, String version) {
    int number = parseVersion(version);
    return number == LATEST ? store.latest(subject) : store.version(subject, number);
  }

  private static int parseVersion(String version) {
    if (version.equals("latest") || version.equals("-1")) {
      return LATEST;
    }
    try {
      int number = Integer.parseInt(version);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, as Confluent does
    }
    throw RegistryError.invalidVersion(version);
  }

  private static int idOf(String id) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw RegistryError.endpointNotFound();
    }
  }

  /** The schema in a {"schema": "...", "schemaType": "AVRO"} body. */
  private static NormalizedSchema schemaOf(RegistryRequest request) {
    JsonNode body = request.jsonBody();
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw RegistryError.invalidSchema("schemaType " + type + " is not supported: this registry holds AVRO schemas only");
    }
    if (body.path("references").size() > 0) {
      throw RegistryError.invalidSchema("schema references are not supported: inline the referenced types");
    }
    JsonNode schema = body.path("schema");
    if (!schema.isTextual()) {
      throw RegistryError.invalidSchema("the body needs a \"schema\" field holding the schema as a JSON string");
    }
    return NormalizedSchema.parse(schema.textValue());
  }

  private static Map<String, Object> versionBody(SchemaVersion version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", version.subject());
    body.put("version", version.version());
    body.put("id", version.id());
    body.put("schema", version.schema().json());
    return body;
  }

  private static JsonReply only(RegistryRequest request, String method, Supplier<Object> answer) {
    if (!request.method().equals(method)) {
      throw RegistryError.methodNotAllowed();
    }
    return JsonReply.ok(answer.get());
  }
}
