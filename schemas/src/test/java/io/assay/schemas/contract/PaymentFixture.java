package io.assay.schemas.contract;

import java.math.BigDecimal;
import java.time.Instant;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A valid payment, for tests to break one field at a time. */
public final class PaymentFixture {
  public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  public static final ContractCatalog CATALOG = ContractCatalog.fromClasspath();

  private PaymentFixture() {}

  public static Contract contract() {
    return CATALOG.forTopic("payments");
  }

  public static GenericRecord validPayment() {
    GenericRecord payment = new GenericData.Record(contract().schema());
    payment.put("payment_id", "PAY-0123456789AB");
    payment.put("order_id", "ORD-0123456789AB");
    payment.put("customer_id", "CUST-000042");
    payment.put("payment_ts", "2026-11-24T11:59:00Z");
    payment.put("method", "card");
    payment.put("status", "SUCCEEDED");
    payment.put("amount", new BigDecimal("14.50"));
    payment.put("currency", "EUR");
    payment.put("failure_reason", null);
    return payment;
  }
}
