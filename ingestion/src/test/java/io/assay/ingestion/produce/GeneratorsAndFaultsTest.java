package io.assay.ingestion.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assay.ingestion.weather.OfflineWeather;
import io.assay.schemas.contract.Contract;
import io.assay.schemas.contract.ContractCatalog;
import io.assay.schemas.contract.ContractValidator;
import io.assay.schemas.contract.ContractViolation;
import io.assay.schemas.contract.DeadLetterCategory;
import io.assay.schemas.wire.DecodeResult;
import io.assay.schemas.wire.EventDecoder;
import io.assay.schemas.wire.EventSerializer;
import io.assay.schemas.wire.InMemorySchemaIds;
import io.assay.schemas.wire.SchemaRejectedException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Ties the generators and fault kinds to the contracts: valid events pass, each fault fails as declared. */
class GeneratorsAndFaultsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final ContractCatalog CATALOG = ContractCatalog.fromClasspath();

  private final InMemorySchemaIds registry = new InMemorySchemaIds();
  private final EventSerializer serializer = new EventSerializer(registry);
  private final Map<String, EventGenerator> generators =
      DemoGenerators.create(CATALOG, new ShopWorld(new Random(1)), new OfflineWeather(new Random(2)));
  private final FaultInjector faults = new FaultInjector(CATALOG, registry, new Random(3), 1.0);

  private static ContractValidator validator(Contract contract) {
    return new ContractValidator(contract, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void everyContractHasAGenerator() {
    assertEquals(Set.copyOf(CATALOG.topics()), generators.keySet());
  }

  @Test
  void generatedEventsKeepTheirContractAndRoundTrip() {
    for (EventGenerator generator : generators.values()) {
      Contract contract = generator.contract();
      EventDecoder decoder = new EventDecoder(contract, registry, 1 << 20);
      for (int i = 0; i < 2_000; i++) {
        GenericRecord event = generator.next(NOW);
        List<ContractViolation> violations = validator(contract).validate(event);
        assertEquals(List.of(), violations, () -> contract.topic() + " generated an invalid event: " + event);
        DecodeResult.Decoded decoded = assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(serializer.serialize(contract, event)));
        assertEquals(List.of(), validator(contract).validate(decoded.record()));
      }
    }
  }

  @Test
  void orderTotalsAreTheSumOfTheirLinesAndPaymentsSettleThem() {
    EventGenerator orders = generators.get("orders");
    EventGenerator payments = generators.get("payments");
    GenericRecord order = orders.next(NOW);
    BigDecimal lines = BigDecimal.ZERO;
    for (Object item : (List<?>) order.get("items")) {
      GenericRecord line = (GenericRecord) item;
      lines = lines.add(((BigDecimal) line.get("unit_price")).multiply(BigDecimal.valueOf((Integer) line.get("quantity"))));
    }
    assertEquals(0, lines.compareTo((BigDecimal) order.get("total_amount")));
    GenericRecord payment = payments.next(NOW);
    assertEquals(order.get("order_id"), payment.get("order_id"));
    assertEquals(order.get("total_amount"), payment.get("amount"));
    assertEquals(order.get("currency"), payment.get("currency"));
  }

  @Test
  void everyFaultKindIsCaughtWhereItsStageSays() {
    Set<FaultKind> exercised = EnumSet.noneOf(FaultKind.class);
    for (EventGenerator generator : generators.values()) {
      Contract contract = generator.contract();
      EventDecoder decoder = new EventDecoder(contract, registry, 1 << 20);
      for (FaultKind kind : faults.applicableKinds(contract)) {
        for (int attempt = 0; attempt < 20; attempt++) { // different fields and values each time
          GenericRecord event = generator.next(NOW);
          String where = contract.topic() + "/" + kind;
          switch (kind.stage()) {
            case REJECTED_AT_PRODUCER -> {
              faults.breakRecord(kind, contract, event, NOW);
              assertThrows(SchemaRejectedException.class, () -> serializer.serialize(contract, event), where);
            }
            case CONTRACT_BREAKING -> {
              DeadLetterCategory expected = faults.breakRecord(kind, contract, event, NOW);
              assertNotNull(expected, where);
              DecodeResult.Decoded decoded = assertInstanceOf(DecodeResult.Decoded.class,
                  decoder.decode(serializer.serialize(contract, event)), where);
              List<ContractViolation> violations = validator(contract).validate(decoded.record());
              assertEquals(1, violations.size(), () -> where + " should break exactly one rule: " + violations);
              assertEquals(expected, violations.get(0).category(), where);
              if (kind == FaultKind.BROKEN_RECORD_RULE) {
                assertEquals(contract.recordRule(violations.get(0).rule()).orElseThrow().category(), expected, where);
              } else {
                assertEquals(kind.expectedCategory(), expected, where);
              }
            }
            case CORRUPT_PAYLOAD -> {
              byte[] bytes = faults.corruptPayload(kind, contract, serializer.serialize(contract, event));
              DecodeResult.Undecodable failed = assertInstanceOf(DecodeResult.Undecodable.class, decoder.decode(bytes), where);
              assertEquals(kind.expectedCategory(), failed.violation().category(), where);
            }
          }
          exercised.add(kind);
        }
      }
    }
    assertEquals(EnumSet.allOf(FaultKind.class), exercised);
  }

  @Test
  void aBrokenRecordRuleFaultBreaksEachRuleThatSaysHow() {
    Contract payments = CATALOG.forTopic("payments");
    Contract orders = CATALOG.forTopic("orders");
    assertTrue(faults.applicableKinds(payments).contains(FaultKind.BROKEN_RECORD_RULE));
    assertTrue(faults.applicableKinds(orders).contains(FaultKind.BROKEN_RECORD_RULE));
    assertTrue(!faults.applicableKinds(CATALOG.forTopic("weather")).contains(FaultKind.BROKEN_RECORD_RULE), "weather has no record rules");
    GenericRecord payment = generators.get("payments").next(NOW);
    assertEquals(DeadLetterCategory.INVALID_ENUM_VALUE, faults.breakRecord(FaultKind.BROKEN_RECORD_RULE, payments, payment, NOW));
    assertEquals("SUCCEEDED", payment.get("status").toString());
    assertEquals("card_declined", payment.get("failure_reason").toString());
    List<ContractViolation> violations = validator(payments).validate(payment);
    assertEquals(List.of("successes_have_no_reason"), violations.stream().map(ContractViolation::rule).toList());
  }

  @Test
  void faultRateIsRespectedAndSpreadOverKinds() {
    FaultInjector fivePercent = new FaultInjector(CATALOG, registry, new Random(9), 0.05);
    Contract payments = CATALOG.forTopic("payments");
    int faulty = 0;
    Set<FaultKind> seen = EnumSet.noneOf(FaultKind.class);
    for (int i = 0; i < 100_000; i++) {
      var kind = fivePercent.draw(payments);
      if (kind.isPresent()) {
        faulty++;
        seen.add(kind.get());
      }
    }
    assertTrue(faulty > 4_700 && faulty < 5_300, "about 5% faulty, got " + faulty);
    assertEquals(Set.copyOf(fivePercent.applicableKinds(payments)), seen);
  }
}
