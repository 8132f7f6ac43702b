package io.assay.ingestion.produce;

import io.assay.schemas.contract.Contract;
import java.time.Instant;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Payment attempts for placed orders: the order's amount and currency, about 12% declined. */
public final class PaymentGenerator implements EventGenerator {
  private static final String[] METHODS = {"card", "card", "card", "paypal", "bank_transfer", "upi", "apple_pay"};
  private static final String[] FAILURES = {"insufficient_funds", "card_declined", "fraud_suspected", "timeout"};

  private final Contract contract;
  private final ShopWorld world;

  public PaymentGenerator(Contract contract, ShopWorld world) {
    this.contract = contract;
    this.world = world;
  }

  @Override
  public Contract contract() {
    return contract;
  }

  @Override
  public GenericRecord next(Instant now) {
    ShopWorld.PlacedOrder order = world.orderToPay();
    String currency = order.currency();
    String method = METHODS[world.random().nextInt(METHODS.length)];
    if ("upi".equals(method) && !"INR".equals(currency)) {
      method = "card"; // UPI settles rupees only
    }
    boolean declined = world.random().nextInt(100) < 12;
    GenericRecord payment = new GenericData.Record(contract.schema());
    payment.put("payment_id", world.hexId("PAY-", 12));
    payment.put("order_id", order.orderId());
    payment.put("customer_id", order.customerId());
    payment.put("payment_ts", now.toString());
    payment.put("method", method);
    payment.put("status", declined ? "FAILED" : "SUCCEEDED");
    payment.put("amount", order.total());
    payment.put("currency", currency);
    payment.put("failure_reason", declined ? FAILURES[world.random().nextInt(FAILURES.length)] : null);
    return payment;
  }
}
