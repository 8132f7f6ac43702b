package io.assay.ingestion.produce;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The little world the generators share, so events relate the way real ones do: payments settle
 * orders that were placed, in their currency, and clicks come from known customers and products.
 */
public final class ShopWorld {
  public record Product(String sku, String name, String category, BigDecimal basePriceUsd) {}

  public record PlacedOrder(String orderId, String customerId, BigDecimal total, String currency) {}

  public static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "INR", "JPY");
  private static final List<BigDecimal> USD_RATE = List.of(
      new BigDecimal("1.00"), new BigDecimal("0.92"), new BigDecimal("0.79"), new BigDecimal("83.20"), new BigDecimal("151.00"));
  private static final String[][] CATALOG = {
      {"electronics", "Wireless Earbuds", "Phone Charger", "Smart Watch", "Bluetooth Speaker", "USB-C Hub"},
      {"books", "Data Pipelines Pocket Reference", "The Pragmatic Programmer", "Designing Data-Intensive Applications"},
      {"home", "Ceramic Mug", "Desk Lamp", "Throw Blanket", "Chef's Knife", "Cast Iron Pan"},
      {"fashion", "Running Shoes", "Rain Jacket", "Wool Scarf", "Denim Jeans"},
      {"grocery", "Coffee Beans 1kg", "Green Tea", "Olive Oil", "Dark Chocolate"},
      {"toys", "Building Blocks", "Puzzle 1000pc", "Plush Bear"},
      {"sports", "Yoga Mat", "Water Bottle", "Resistance Bands", "Tennis Balls"}};
  private static final int CUSTOMERS = 5_000;
  private static final int RECENT_ORDERS = 2_000;

  private final Random random;
  private final List<Product> products;
  private final Deque<PlacedOrder> recentOrders = new ArrayDeque<>();

  public ShopWorld(Random random) {
    this.random = random;
    this.products = buildProducts(new Random(7)); // the catalogue is the same every run
  }

  private static List<Product> buildProducts(Random random) {
    List<Product> products = new java.util.ArrayList<>();
    int sku = 1;
    for (String[] category : CATALOG) {
      for (int i = 1; i < category.length; i++) {
        BigDecimal price = BigDecimal.valueOf(299 + random.nextInt(15_000), 2);
        products.add(new Product(String.format(Locale.ROOT, "SKU-%05d", sku++), category[i], category[0], price));
      }
    }
    return List.copyOf(products);
  }

  public Random random() {
    return random;
  }

  public List<Product> products() {
    return products;
  }

  public String customerId() {
    return String.format(Locale.ROOT, "CUST-%06d", 1 + random.nextInt(CUSTOMERS));
  }

  public String currency() {
    // Most orders are in dollars and euros, as in most shops.
    int roll = random.nextInt(100);
    return roll < 40 ? "USD" : roll < 65 ? "EUR" : roll < 80 ? "GBP" : roll < 93 ? "INR" : "JPY";
  }

  /** A USD list price in another currency, rounded to the currency's minor unit. */
  public BigDecimal price(Product product, String currency) {
    BigDecimal converted = product.basePriceUsd().multiply(USD_RATE.get(CURRENCIES.indexOf(currency)));
    int scale = "JPY".equals(currency) ? 0 : 2;
    return converted.setScale(scale, java.math.RoundingMode.HALF_EVEN).setScale(2);
  }

  public String hexId(String prefix, int digits) {
    StringBuilder id = new StringBuilder(prefix);
    for (int i = 0; i < digits; i++) {
      id.append("0123456789ABCDEF".charAt(random.nextInt(16)));
    }
    return id.toString();
  }

  public void remember(PlacedOrder order) {
    recentOrders.addLast(order);
    if (recentOrders.size() > RECENT_ORDERS) {
      recentOrders.removeFirst();
    }
  }

  /** An order waiting for payment, or a fresh one when none was placed in this run. */
  public PlacedOrder orderToPay() {
    if (recentOrders.isEmpty()) {
      String currency = currency();
      Product product = products.get(random.nextInt(products.size()));
      return new PlacedOrder(hexId("ORD-", 12), customerId(), price(product, currency), currency);
    }
    // Most orders are paid once; a failed attempt leaves the order open for a retry.
    return random.nextInt(10) < 8 ? recentOrders.removeFirst() : recentOrders.peekFirst();
  }
}
