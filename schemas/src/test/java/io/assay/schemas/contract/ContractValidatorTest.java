package io.assay.schemas.contract;

import static io.assay.schemas.contract.DeadLetterCategory.INVALID_ENUM_VALUE;
import static io.assay.schemas.contract.DeadLetterCategory.INVALID_FORMAT;
import static io.assay.schemas.contract.DeadLetterCategory.MISSING_REQUIRED_FIELD;
import static io.assay.schemas.contract.DeadLetterCategory.SCHEMA_MISMATCH;
import static io.assay.schemas.contract.DeadLetterCategory.VALUE_OUT_OF_RANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ContractValidatorTest {
  private static final Clock CLOCK = Clock.fixed(PaymentFixture.NOW, ZoneOffset.UTC);

  private static List<ContractViolation> validate(String topic, GenericRecord record) {
    return new ContractValidator(PaymentFixture.CATALOG.forTopic(topic), CLOCK).validate(record);
  }

  private static ContractViolation onlyViolation(GenericRecord payment) {
    List<ContractViolation> violations = validate("payments", payment);
    assertEquals(1, violations.size(), () -> "expected one violation, got " + violations);
    return violations.get(0);
  }

  @Test
  void acceptsValidPayment() {
    assertEquals(List.of(), validate("payments", PaymentFixture.validPayment()));
  }

  @Test
  void rejectsNegativeAmountAsValueOutOfRangeWithReadableDetail() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("amount", new BigDecimal("-14.50"));
    ContractViolation violation = onlyViolation(payment);
    assertEquals(VALUE_OUT_OF_RANGE, violation.category());
    assertEquals("amount", violation.field());
    assertEquals("-14.50", violation.observedValue());
    assertEquals("amount >= 0.01", violation.rule());
    assertEquals("VALUE_OUT_OF_RANGE payments.amount=-14.50 violates amount >= 0.01", violation.toString());
  }

  @Test
  void rejectsZeroAmountAndAmountAboveMax() {
    GenericRecord zero = PaymentFixture.validPayment();
    zero.put("amount", new BigDecimal("0.00"));
    assertEquals("amount >= 0.01", onlyViolation(zero).rule());
    GenericRecord huge = PaymentFixture.validPayment();
    huge.put("amount", new BigDecimal("10000000.01"));
    assertEquals("amount <= 10000000", onlyViolation(huge).rule());
  }

  @Test
  void rejectsNullRequiredAmountAsMissingRequiredFieldOnly() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("amount", null);
    ContractViolation violation = onlyViolation(payment);
    assertEquals(MISSING_REQUIRED_FIELD, violation.category());
    assertEquals("amount", violation.field());
  }

  @Test
  void acceptsNullOptionalFieldButChecksItWhenPresent() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("failure_reason", null);
    assertEquals(List.of(), validate("payments", payment));
    payment.put("status", "FAILED"); // a reason on a success would also break successes_have_no_reason
    payment.put("failure_reason", "gremlins");
    assertEquals(INVALID_ENUM_VALUE, onlyViolation(payment).category());
  }

  @Test
  void rejectsUnknownEnumValue() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("method", "bitcoin");
    ContractViolation violation = onlyViolation(payment);
    assertEquals(INVALID_ENUM_VALUE, violation.category());
    assertEquals("method in [card, paypal, bank_transfer, upi, apple_pay]", violation.rule());
  }

  @Test
  void rejectsMalformedCurrencyAsInvalidFormatBeforeCheckingAllowedValues() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("currency", "usd");
    ContractViolation violation = onlyViolation(payment);
    assertEquals(INVALID_FORMAT, violation.category());
    assertEquals("currency is an ISO-4217 currency code", violation.rule());
  }

  @Test
  void rejectsRealButUnlistedCurrencyAsInvalidEnumValue() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("currency", "CHF");
    assertEquals(INVALID_ENUM_VALUE, onlyViolation(payment).category());
  }

  @Test
  void rejectsIdNotMatchingPattern() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("payment_id", "PAY-xyz");
    ContractViolation violation = onlyViolation(payment);
    assertEquals(INVALID_FORMAT, violation.category());
    assertEquals("payment_id matches ^PAY-[0-9A-F]{12}$", violation.rule());
  }

  @Test
  void rejectsTimestampThatIsNotIso8601AndSkipsItsWindowCheck() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("payment_ts", "24/11/2026 11:59");
    ContractViolation violation = onlyViolation(payment);
    assertEquals(INVALID_FORMAT, violation.category());
    assertEquals("payment_ts", violation.field());
  }

  @Test
  void rejectsEventTimeInTheFutureAndTooOld() {
    GenericRecord future = PaymentFixture.validPayment();
    future.put("payment_ts", "2026-11-24T12:06:00Z");
    ContractViolation ahead = onlyViolation(future);
    assertEquals(VALUE_OUT_OF_RANGE, ahead.category());
    assertEquals("payment_ts within [now - PT168H, now + PT5M]", ahead.rule());
    GenericRecord old = PaymentFixture.validPayment();
    old.put("payment_ts", "2026-11-17T11:59:59Z");
    assertEquals(VALUE_OUT_OF_RANGE, onlyViolation(old).category());
    GenericRecord edge = PaymentFixture.validPayment();
    edge.put("payment_ts", "2026-11-24T13:05:00+01:00"); // exactly now + 5 minutes, with an offset
    assertEquals(List.of(), validate("payments", edge));
  }

  @Test
  void reportsWrongRuntimeTypeAsSchemaMismatch() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("amount", 14.5d); // a double where the contract wants a decimal
    ContractViolation violation = onlyViolation(payment);
    assertEquals(SCHEMA_MISMATCH, violation.category());
    assertEquals("amount is of type decimal", violation.rule());
  }

  @Test
  void returnsEveryViolationStructuralFirst() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("status", "LOST");          // business
    payment.put("customer_id", null);       // structural
    payment.put("currency", "EURO");        // structural
    List<ContractViolation> violations = validate("payments", payment);
    assertEquals(List.of(MISSING_REQUIRED_FIELD, INVALID_FORMAT, INVALID_ENUM_VALUE),
        violations.stream().map(ContractViolation::category).toList());
  }

  @Test
  void checksEveryElementOfNestedArraysAndRecords() {
    Contract orders = PaymentFixture.CATALOG.forTopic("orders");
    GenericRecord order = OrderFixture.validOrder(orders);
    assertEquals(List.of(), validate("orders", order));
    @SuppressWarnings("unchecked")
    List<GenericRecord> items = (List<GenericRecord>) order.get("items");
    items.get(1).put("quantity", 0);
    ((GenericRecord) order.get("shipping_address")).put("country", "XX");
    List<ContractViolation> violations = validate("orders", order);
    assertEquals(2, violations.size(), violations::toString);
    assertEquals("shipping_address.country", violations.get(0).field());
    assertEquals(INVALID_FORMAT, violations.get(0).category());
    assertEquals("items[1].quantity", violations.get(1).field());
    assertEquals("items[].quantity >= 1", violations.get(1).rule());
  }

  @Test
  void rejectsEmptyItemsArrayByMinItems() {
    Contract orders = PaymentFixture.CATALOG.forTopic("orders");
    GenericRecord order = OrderFixture.validOrder(orders);
    order.put("items", new GenericData.Array<>(0, orders.schema().getField("items").schema()));
    List<ContractViolation> violations = validate("orders", order);
    assertEquals(1, violations.size(), violations::toString);
    assertEquals("size(items) >= 1", violations.get(0).rule());
    assertEquals("[0 items]", violations.get(0).observedValue());
  }

  @Test
  void checksDoubleBoundsAndRejectsNaN() {
    Contract weather = PaymentFixture.CATALOG.forTopic("weather");
    GenericRecord reading = OrderFixture.validWeather(weather);
    assertEquals(List.of(), validate("weather", reading));
    reading.put("temperature_c", Double.NaN);
    List<ContractViolation> violations = validate("weather", reading);
    assertEquals(2, violations.size(), violations::toString); // fails both min and max
    assertTrue(violations.stream().allMatch(v -> v.category() == VALUE_OUT_OF_RANGE));
  }

  @Test
  void rejectsSucceededPaymentWithFailureReasonByNamedRecordRule() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("failure_reason", "card_declined");
    ContractViolation violation = onlyViolation(payment);
    assertEquals(INVALID_ENUM_VALUE, violation.category());
    assertEquals("successes_have_no_reason", violation.rule());
    assertEquals("status, failure_reason", violation.field());
    assertEquals("status=SUCCEEDED, failure_reason=card_declined", violation.observedValue());
    assertEquals("status=SUCCEEDED, failure_reason=card_declined violates successes_have_no_reason: "
        + "a successful payment carries no failure reason (status = 'FAILED' OR failure_reason IS NULL)", violation.detail());
  }

  @Test
  void acceptsFailedPaymentsWithOrWithoutReason() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("status", "FAILED");
    assertEquals(List.of(), validate("payments", payment));
    payment.put("failure_reason", "timeout");
    assertEquals(List.of(), validate("payments", payment));
  }

  @Test
  void recordRulesJudgeOnlyRecordsWhoseFieldsKeepTheirOwnRules() {
    GenericRecord payment = PaymentFixture.validPayment();
    payment.put("failure_reason", "timeout");
    assertEquals(List.of("successes_have_no_reason"), validate("payments", payment).stream().map(ContractViolation::rule).toList());
    payment.put("amount", new BigDecimal("-1.00"));
    assertEquals(List.of("amount >= 0.01"), validate("payments", payment).stream().map(ContractViolation::rule).toList(),
        "the broken field decides; the rule is not reported on top");
    payment.put("amount", new BigDecimal("1.00"));
    payment.put("status", 42);
    assertEquals(List.of(SCHEMA_MISMATCH), validate("payments", payment).stream().map(ContractViolation::category).toList(),
        "no rule reads a value of the wrong type");
    payment.put("status", null);
    assertEquals(List.of(MISSING_REQUIRED_FIELD), validate("payments", payment).stream().map(ContractViolation::category).toList());
  }

  @Test
  void rejectsOrderWithALineAboveItsTotalNamingTheLine() {
    Contract orders = PaymentFixture.CATALOG.forTopic("orders");
    GenericRecord order = OrderFixture.validOrder(orders); // lines 2 x 9.99 and 1 x 20.00
    order.put("total_amount", new BigDecimal("20.00"));
    assertEquals(List.of(), validate("orders", order), "a line equal to the total is within it");
    order.put("total_amount", new BigDecimal("19.99"));
    List<ContractViolation> violations = validate("orders", order);
    assertEquals(1, violations.size(), violations::toString);
    ContractViolation violation = violations.get(0);
    assertEquals(VALUE_OUT_OF_RANGE, violation.category());
    assertEquals("line_within_order_total", violation.rule());
    assertEquals("items[1].quantity, items[1].unit_price, total_amount", violation.field());
    assertEquals("items[1].quantity=1, items[1].unit_price=20.00, total_amount=19.99", violation.observedValue());
  }

  @Test
  void everyShippedRuleIsBrokenByItsOwnViolationValuesAlone() {
    Contract orders = PaymentFixture.CATALOG.forTopic("orders");
    for (Contract contract : List.of(PaymentFixture.contract(), orders)) {
      assertTrue(!contract.recordRules().isEmpty());
      for (RecordRule rule : contract.recordRules()) {
        GenericRecord broken = contract == orders ? OrderFixture.validOrder(orders) : PaymentFixture.validPayment();
        rule.violatedBy().forEach((path, value) -> {
          assertTrue(!path.contains("."), "the shipped rules set top-level fields");
          broken.put(path, value);
        });
        List<ContractViolation> violations = new ContractValidator(contract, CLOCK).validate(broken);
        assertEquals(List.of(rule.name()), violations.stream().map(ContractViolation::rule).toList(), contract.topic());
        assertEquals(rule.category(), violations.get(0).category());
      }
    }
  }
}
