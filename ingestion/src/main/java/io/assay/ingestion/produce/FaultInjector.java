package io.assay.ingestion.produce;

import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.contract.DeadLetterCategory;
import io.assay.schemas.contract.FieldPath;
import io.assay.schemas.contract.RecordRule;
import io.assay.schemas.contract.Rules;
import io.assay.schemas.wire.SchemaIds;
import io.assay.schemas.wire.WireFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Breaks a share of events on purpose, each in one way only, so every downstream dead letter can be
 * matched to the fault that caused it. Corrupt payloads are rarer than the other kinds, as in life.
 */
public final class FaultInjector {
  private static final double CORRUPT_WEIGHT = 0.4;
  /** Oversized values are costly to carry around, so they are the rarest fault. */
  private static final double OVERSIZED_WEIGHT = 0.05;
  /** Just over the 1 MiB a consumer accepts by default (ASSAY_MAX_MESSAGE_BYTES). */
  public static final int OVERSIZED_BYTES = 1024 * 1024 + 1024;
  private static final DateTimeFormatter NOT_ISO = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ContractCatalog catalog;
  private final SchemaIds schemaIds;
  private final Random random;
  private final double faultRate;
  private final Map<String, FaultTargets> targetsByTopic = new HashMap<>();

  public FaultInjector(ContractCatalog catalog, SchemaIds schemaIds, Random random, double faultRate) {
    if (faultRate < 0 || faultRate > 1) {
      throw new IllegalArgumentException("fault rate must be between 0 and 1, got " + faultRate);
    }
    this.catalog = catalog;
    this.schemaIds = schemaIds;
    this.random = random;
    this.faultRate = faultRate;
  }

  /** With probability {@code faultRate}, a fault kind that applies to this topic. */
  public Optional<FaultKind> draw(Contract contract) {
    if (faultRate == 0 || random.nextDouble() >= faultRate) {
      return Optional.empty();
    }
    List<FaultKind> kinds = List.copyOf(targets(contract).kinds());
    double total = kinds.stream().mapToDouble(FaultInjector::weight).sum();
    double roll = random.nextDouble() * total;
    for (FaultKind kind : kinds) {
      roll -= weight(kind);
      if (roll < 0) {
        return Optional.of(kind);
      }
    }
    return Optional.of(kinds.get(kinds.size() - 1));
  }

  public List<FaultKind> applicableKinds(Contract contract) {
    return List.copyOf(targets(contract).kinds());
  }

  /**
   * Breaks one field (or, for a record rule, the fields it names) of a not-yet-serialized event in the
   * way the kind says, and returns the dead-letter category the streaming job must give it (null for
   * faults the serializer refuses).
   */
  public DeadLetterCategory breakRecord(FaultKind kind, Contract contract, GenericRecord event, Instant now) {
    List<String> fields = targets(contract).fields(kind);
    String field = fields.get(random.nextInt(fields.size()));
    if (kind == FaultKind.BROKEN_RECORD_RULE) {
      return breakRule(contract.recordRule(field).orElseThrow(), contract, event);
    }
    switch (kind) {
      case MISSING_FIELD, NULL_REQUIRED_FIELD -> event.put(field, null);
      case WRONG_TYPE -> event.put(field, event.get(field) instanceof CharSequence ? (Object) 42 : "not-a-" + typeOf(contract, field));
      case NEGATIVE_AMOUNT -> event.put(field, positive(event.get(field)).negate());
      case ZERO_AMOUNT -> event.put(field, BigDecimal.ZERO.setScale(2));
      case BELOW_MINIMUM -> event.put(field, belowMinimum(contract, field));
      case UNKNOWN_ENUM_VALUE -> event.put(field, "UNLISTED_" + event.get(field));
      case FUTURE_EVENT_TIME -> event.put(field, now.plus(contract.eventTime().maxFuture()).plusSeconds(86_400).toString());
      case STALE_EVENT_TIME -> event.put(field, now.minus(contract.eventTime().maxAge()).minusSeconds(86_400).toString());
      case MALFORMED_TIMESTAMP -> event.put(field, NOT_ISO.format(now));
      case MALFORMED_CURRENCY -> event.put(field, event.get(field).toString().toLowerCase(Locale.ROOT));
      default -> throw new IllegalArgumentException(kind + " corrupts bytes, not records");
    }
    return kind.expectedCategory();
  }

  /** Sets the rule's violated_by values; refuses to report a fault that did not break the rule. */
  private static DeadLetterCategory breakRule(RecordRule rule, Contract contract, GenericRecord event) {
    rule.violatedBy().forEach((path, value) -> {
      int dot = path.lastIndexOf('.');
      Object parent = dot < 0 ? event : FieldPath.parse(path.substring(0, dot)).valueIn(event);
      ((GenericRecord) parent).put(path.substring(dot + 1), value);
    });
    if (rule.holds(event)) {
      throw new IllegalStateException(contract.topic() + " rule " + rule.name() + " still holds after setting its violated_by values " + rule.violatedBy());
    }
    return rule.category();
  }

  /** Bytes a rogue producer might write, made from a valid framed message; null for a tombstone. */
  public byte[] corruptPayload(FaultKind kind, Contract contract, byte[] validMessage) {
    byte[] body = Arrays.copyOfRange(validMessage, WireFormat.HEADER_LENGTH, validMessage.length);
    return switch (kind) {
      case RANDOM_BYTES -> {
        byte[] noise = new byte[8 + random.nextInt(57)];
        random.nextBytes(noise);
        noise[0] = (byte) (1 + random.nextInt(255)); // never the magic byte, so it cannot pass as framed
        yield noise;
      }
      case TRUNCATED_AVRO -> Arrays.copyOf(validMessage, WireFormat.HEADER_LENGTH + body.length / 2);
      case WRONG_MAGIC_BYTE -> {
        byte[] copy = validMessage.clone();
        copy[0] = 1;
        yield copy;
      }
      case UNKNOWN_SCHEMA_ID -> WireFormat.frame(Integer.MAX_VALUE - random.nextInt(1_000), body);
      case FOREIGN_SCHEMA_ID -> WireFormat.frame(foreignSchemaId(contract), body);
      case EMPTY_VALUE -> new byte[0];
      case NULL_VALUE -> null;
      case OVERSIZED_RECORD -> Arrays.copyOf(validMessage, OVERSIZED_BYTES); // zero padding after a valid record
      default -> throw new IllegalArgumentException(kind + " breaks records, not bytes");
    };
  }

  private int foreignSchemaId(Contract contract) {
    List<Contract> others = catalog.contracts().stream().filter(c -> !c.topic().equals(contract.topic())).toList();
    Contract other = others.get(random.nextInt(others.size()));
    return schemaIds.idFor(other.subject(), other.schema());
  }

  private FaultTargets targets(Contract contract) {
    return targetsByTopic.computeIfAbsent(contract.topic(), t -> new FaultTargets(contract, catalog.topics().size() > 1));
  }

  private static double weight(FaultKind kind) {
    if (kind == FaultKind.OVERSIZED_RECORD) {
      return OVERSIZED_WEIGHT;
    }
    return kind.stage() == FaultKind.Stage.CORRUPT_PAYLOAD ? CORRUPT_WEIGHT : 1.0;
  }

  private static BigDecimal positive(Object amount) {
    return amount instanceof BigDecimal value && value.signum() > 0 ? value : new BigDecimal("1.00");
  }

  private static Object belowMinimum(Contract contract, String field) {
    BigDecimal min = contract.field(field).orElseThrow().business().stream()
        .filter(r -> r instanceof Rules.MinRule).map(r -> ((Rules.MinRule) r).bound()).findFirst().orElseThrow();
    Schema.Type type = contract.schema().getField(field).schema().getType();
    if (type == Schema.Type.UNION) {
      type = contract.schema().getField(field).schema().getTypes().stream()
          .filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow().getType();
    }
    return type == Schema.Type.INT ? (Object) (min.intValue() - 1) : (Object) (min.doubleValue() - 1.5);
  }

  private static String typeOf(Contract contract, String field) {
    return contract.field(field).map(f -> f.type().toString()).orElse("value");
  }
}
