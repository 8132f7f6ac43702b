package io.assay.ingestion.produce;

import io.assay.schemas.contract.Contract;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Browsing sessions: a visitor lands, searches, views products, sometimes adds to cart and checks out. */
public final class ClickstreamGenerator implements EventGenerator {
  private static final String[] DEVICES = {"desktop", "desktop", "mobile", "mobile", "mobile", "tablet"};
  private static final String[] REFERRERS = {"https://www.google.com/", "https://duckduckgo.com/", "https://t.co/", null, null};

  private final Contract contract;
  private final ShopWorld world;
  private String sessionId;
  private String userId;
  private String device;
  private int eventsLeftInSession;
  private int step;

  public ClickstreamGenerator(Contract contract, ShopWorld world) {
    this.contract = contract;
    this.world = world;
  }

  @Override
  public Contract contract() {
    return contract;
  }

  @Override
  public GenericRecord next(Instant now) {
    if (eventsLeftInSession == 0) {
      startSession();
    }
    eventsLeftInSession--;
    String[] typeAndUrl = nextInteraction();
    GenericRecord click = new GenericData.Record(contract.schema());
    click.put("event_id", new UUID(world.random().nextLong(), world.random().nextLong()).toString());
    click.put("session_id", sessionId);
    click.put("user_id", userId);
    click.put("event_ts", now.toString());
    click.put("event_type", typeAndUrl[0]);
    click.put("page_url", typeAndUrl[1]);
    click.put("referrer", step == 1 ? REFERRERS[world.random().nextInt(REFERRERS.length)] : null);
    click.put("device", device);
    click.put("duration_ms", 200 + world.random().nextInt(90_000));
    return click;
  }

  private void startSession() {
    StringBuilder id = new StringBuilder("SES-");
    for (int i = 0; i < 10; i++) {
      id.append("0123456789abcdef".charAt(world.random().nextInt(16)));
    }
    sessionId = id.toString();
    userId = world.random().nextInt(10) < 7 ? world.customerId() : null;
    device = DEVICES[world.random().nextInt(DEVICES.length)];
    eventsLeftInSession = 1 + world.random().nextInt(12);
    step = 0;
  }

  private String[] nextInteraction() {
    step++;
    if (step == 1) {
      return new String[] {"page_view", "/"};
    }
    String sku = world.products().get(world.random().nextInt(world.products().size())).sku().toLowerCase(Locale.ROOT);
    int roll = world.random().nextInt(100);
    if (eventsLeftInSession == 0 && roll < 30) {
      return new String[] {"checkout", "/checkout"};
    }
    if (roll < 20) {
      return new String[] {"search", "/search"};
    }
    if (roll < 35) {
      return new String[] {"add_to_cart", "/product/" + sku};
    }
    if (roll < 40) {
      return new String[] {"remove_from_cart", "/cart"};
    }
    return new String[] {"page_view", "/product/" + sku};
  }
}
