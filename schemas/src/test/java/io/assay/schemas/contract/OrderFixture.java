package io.assay.schemas.contract;

import java.math.BigDecimal;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Valid orders and weather readings, built by hand against the real schemas. */
public final class OrderFixture {
  private OrderFixture() {}

  public static GenericRecord validOrder(Contract orders) {
    Schema schema = orders.schema();
    Schema itemSchema = schema.getField("items").schema().getElementType();
    GenericRecord first = item(itemSchema, "SKU-00001", 2, "9.99");
    GenericRecord second = item(itemSchema, "SKU-00002", 1, "20.00");
    GenericRecord address = new GenericData.Record(schema.getField("shipping_address").schema());
    address.put("street", "1 Main St");
    address.put("city", "Leeds");
    address.put("postal_code", "LS1 1AA");
    address.put("country", "GB");
    GenericRecord order = new GenericData.Record(schema);
    order.put("order_id", "ORD-0123456789AB");
    order.put("customer_id", "CUST-000042");
    order.put("order_ts", "2026-11-24T11:00:00Z");
    order.put("status", "PLACED");
    order.put("currency", "GBP");
    order.put("items", new GenericData.Array<>(schema.getField("items").schema(), List.of(first, second)));
    order.put("total_amount", new BigDecimal("39.98"));
    order.put("shipping_address", address);
    return order;
  }

  private static GenericRecord item(Schema schema, String sku, int quantity, String price) {
    GenericRecord item = new GenericData.Record(schema);
    item.put("product_id", sku);
    item.put("product_name", "Thing " + sku);
    item.put("category", "home");
    item.put("quantity", quantity);
    item.put("unit_price", new BigDecimal(price));
    return item;
  }

  public static GenericRecord validWeather(Contract weather) {
    GenericRecord reading = new GenericData.Record(weather.schema());
    reading.put("reading_id", "3f1c1a52-8a4e-4c1e-9a0e-0c3d2b1a9f00");
    reading.put("city", "Pune");
    reading.put("country", "IN");
    reading.put("observed_ts", "2026-11-24T11:30:00Z");
    reading.put("temperature_c", 24.5d);
    reading.put("humidity_pct", 60);
    reading.put("pressure_hpa", 1012);
    reading.put("wind_speed_ms", 3.4d);
    reading.put("condition", "Clouds");
    reading.put("source", "offline");
    return reading;
  }
}
