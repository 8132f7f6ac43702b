package io.assay.ingestion.produce;

import io.assay.schemas.contract.Contract;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Orders with one to five line items shipped to real cities; the total is the sum of the lines. */
public final class OrderGenerator implements EventGenerator {
  private static final String[] STATUSES = {"PLACED", "PLACED", "PLACED", "CONFIRMED", "SHIPPED", "DELIVERED"};
  private static final String[][] ADDRESSES = {
      {"Market Street", "San Francisco", "94103", "US"}, {"Broadway", "New York", "10012", "US"},
      {"Unter den Linden", "Berlin", "10117", "DE"}, {"Rue de Rivoli", "Paris", "75001", "FR"},
      {"Baker Street", "London", "NW1 6XE", "GB"}, {"MG Road", "Bengaluru", "560001", "IN"},
      {"FC Road", "Pune", "411004", "IN"}, {"Omotesando", "Tokyo", "150-0001", "JP"},
      {"Gran Via", "Madrid", "28013", "ES"}, {"Damrak", "Amsterdam", "1012 LG", "NL"}};

  private final Contract contract;
  private final ShopWorld world;
  private final Schema itemSchema;
  private final Schema addressSchema;

  public OrderGenerator(Contract contract, ShopWorld world) {
    this.contract = contract;
    this.world = world;
    this.itemSchema = contract.schema().getField("items").schema().getElementType();
    this.addressSchema = contract.schema().getField("shipping_address").schema();
  }

  @Override
  public Contract contract() {
    return contract;
  }

  @Override
  public GenericRecord next(Instant now) {
    String currency = world.currency();
    int lines = 1 + world.random().nextInt(5);
    List<GenericRecord> items = new ArrayList<>(lines);
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    for (int i = 0; i < lines; i++) {
      ShopWorld.Product product = world.products().get(world.random().nextInt(world.products().size()));
      int quantity = 1 + world.random().nextInt(4);
      BigDecimal unitPrice = world.price(product, currency);
      GenericRecord item = new GenericData.Record(itemSchema);
      item.put("product_id", product.sku());
      item.put("product_name", product.name());
      item.put("category", product.category());
      item.put("quantity", quantity);
      item.put("unit_price", unitPrice);
      items.add(item);
      total = total.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
    }
    String[] place = ADDRESSES[world.random().nextInt(ADDRESSES.length)];
    GenericRecord address = new GenericData.Record(addressSchema);
    address.put("street", (1 + world.random().nextInt(400)) + " " + place[0]);
    address.put("city", place[1]);
    address.put("postal_code", place[2]);
    address.put("country", place[3]);

    GenericRecord order = new GenericData.Record(contract.schema());
    String orderId = world.hexId("ORD-", 12);
    String customerId = world.customerId();
    order.put("order_id", orderId);
    order.put("customer_id", customerId);
    order.put("order_ts", now.toString());
    order.put("status", STATUSES[world.random().nextInt(STATUSES.length)]);
    order.put("currency", currency);
    order.put("items", new GenericData.Array<>(contract.schema().getField("items").schema(), items));
    order.put("total_amount", total);
    order.put("shipping_address", address);
    world.remember(new ShopWorld.PlacedOrder(orderId, customerId, total, currency));
    return order;
  }
}
