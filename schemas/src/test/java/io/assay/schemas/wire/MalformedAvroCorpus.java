package io.assay.schemas.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Hand-made records that Avro's own reader accepts or silently changes but a strict reader must
 * refuse, at several depths, plus valid controls with non-ASCII text, a string that really holds
 * U+FFFD, and keys that are not UTF-8. Each entry is a valid event from the caller with its encoded
 * bytes edited in one place, so where Avro wraps a number the record would otherwise pass its contract.
 */
public final class MalformedAvroCorpus {
  /** Keys a Kafka record can carry: not UTF-8, absent, UTF-8 beyond ASCII. */
  public static final byte[] NON_UTF8_KEY = {(byte) 0xff, 0x00, (byte) 0xfe, 'k'};
  public static final byte[] BROKEN_PAIR_KEY = {'o', 'r', 'd', (byte) 0xc3, 0x28};
  public static final byte[] ACCENTED_KEY = "clé-ü".getBytes(StandardCharsets.UTF_8);
  public static final String SENT_REPLACEMENT_CHARACTER = "Unknown \uFFFD street";

  /**
   * One record: its Kafka key and Avro body, and the field where strict decoding must refuse it
   * (empty for a valid control), with a fragment of the rule it must name.
   */
  public record Entry(String name, String topic, byte[] key, byte[] body, Optional<String> brokenField, String rule) {
    public boolean valid() {
      return brokenField.isEmpty();
    }

    public byte[] framed(int schemaId) {
      return WireFormat.frame(schemaId, body);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  private MalformedAvroCorpus() {}

  /**
   * The corpus built from one valid event per topic: {@code orders} with at least two items,
   * {@code payments} without a failure reason, {@code clickstream}, {@code weather}.
   */
  public static List<Entry> from(Map<String, GenericRecord> validEvents) {
    MalformedAvroCorpus corpus = new MalformedAvroCorpus();
    corpus.orders(validEvents.get("orders"));
    corpus.payments(validEvents.get("payments"));
    corpus.clickstream(validEvents.get("clickstream"));
    corpus.weather(validEvents.get("weather"));
    return List.copyOf(corpus.entries);
  }

  private void orders(GenericRecord order) {
    byte[] body = encode(order);
    String orderId = order.get("order_id").toString();
    GenericRecord address = (GenericRecord) order.get("shipping_address");
    List<?> items = (List<?>) order.get("items");
    String firstName = ((GenericRecord) items.get(0)).get("product_name").toString();
    String secondName = ((GenericRecord) items.get(1)).get("product_name").toString();
    String firstProductId = ((GenericRecord) items.get(0)).get("product_id").toString();

    broken("stray 0xff in a top-level string", "orders", NON_UTF8_KEY,
        replaceString(body, orderId, withByteAt(utf8(orderId), 4, 0xff)), "order_id", "well-formed UTF-8");
    broken("overlong '/' in a nested record's string", "orders", ACCENTED_KEY,
        replaceString(body, address.get("city").toString(), concat(utf8("Le"), bytes(0xc0, 0xaf), utf8("eds"))),
        "shipping_address.city", "well-formed UTF-8");
    broken("UTF-16 surrogate encoded in UTF-8 in a nested record", "orders", null,
        replaceString(body, address.get("street").toString(), concat(utf8("Main "), bytes(0xed, 0xa0, 0x80))),
        "shipping_address.street", "well-formed UTF-8");
    broken("multi-byte sequence cut short at the end of an array element's string", "orders", BROKEN_PAIR_KEY,
        replaceString(body, secondName, concat(utf8(secondName), bytes(0xe2, 0x82))), "items[1].product_name", "well-formed UTF-8");
    broken("multi-byte lead followed by ASCII in an array element's string", "orders", utf8(orderId),
        replaceString(body, firstName, concat(utf8("Caf"), bytes(0xc3), utf8("!"))), "items[0].product_name", "well-formed UTF-8");
    broken("negative string length in a nested record", "orders", utf8(orderId),
        replace(body, encodedString(address.get("postal_code").toString()),
            concat(bytes(0x01), utf8(address.get("postal_code").toString()))),
        "shipping_address.postal_code", "length is 0 or more");

    // The items array starts with its block count (2 items: zig-zag 4), right before the first product id.
    byte[] itemsStart = concat(zigZag(items.size()), encodedString(firstProductId));
    byte[] firstItem = encodedString(firstProductId);
    broken("array block count as a ten-byte varint with bits past 64 (Avro reads the right count)", "orders", NON_UTF8_KEY,
        replace(body, itemsStart, concat(overflowingLong(items.size() * 2L), firstItem)), "items", "fits in 64 bits");
    broken("negative array block count with a negative byte size (Avro ignores the size)", "orders", utf8(orderId),
        replace(body, itemsStart, concat(zigZag(-items.size()), zigZag(-5), firstItem)), "items", "byte size");
    broken("array block count of Long.MIN_VALUE", "orders", utf8(orderId),
        replace(body, itemsStart, concat(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), firstItem)),
        "items", "block count");

    GenericRecord accented = copy(order);
    GenericRecord accentedAddress = (GenericRecord) accented.get("shipping_address");
    accentedAddress.put("city", "Zürich");
    ((GenericRecord) ((List<?>) accented.get("items")).get(0)).put("product_name", "Mug ☕ 🚀 ½");
    valid("non-ASCII text at every depth", "orders", NON_UTF8_KEY, encode(accented));
    GenericRecord replacement = copy(order);
    ((GenericRecord) replacement.get("shipping_address")).put("street", SENT_REPLACEMENT_CHARACTER);
    valid("U+FFFD sent by the producer", "orders", utf8(orderId), encode(replacement));
  }

  private void payments(GenericRecord payment) {
    byte[] body = encode(payment);
    // failure_reason is the last field; null is union branch 0, one byte 0x00.
    byte[] withoutIndex = Arrays.copyOf(body, body.length - 1);
    broken("union index as a five-byte varint with bits past 32 (Avro reads branch 0, null)", "payments", BROKEN_PAIR_KEY,
        concat(withoutIndex, bytes(0x80, 0x80, 0x80, 0x80, 0x10)), "failure_reason", "fits in 32 bits");
    broken("union index past the last branch", "payments", NON_UTF8_KEY,
        concat(withoutIndex, zigZag(2)), "failure_reason", "union index is one of 0..1");
    broken("negative union index", "payments", null,
        concat(withoutIndex, zigZag(-1)), "failure_reason", "union index is 0 or more");
    valid("valid payment with a key that is not UTF-8", "payments", NON_UTF8_KEY, body);
  }

  private void clickstream(GenericRecord click) {
    byte[] body = encode(click);
    int duration = (Integer) click.get("duration_ms");
    // duration_ms is the last field: re-encode it as five bytes whose last one carries a bit past 32.
    byte[] minimal = zigZag(duration);
    byte[] withoutDuration = Arrays.copyOf(body, body.length - minimal.length);
    broken("int varint with bits past 32 (Avro reads the right value)", "clickstream", ACCENTED_KEY,
        concat(withoutDuration, overflowingInt(duration)), "duration_ms", "fits in 32 bits");
    broken("int varint of six bytes", "clickstream", utf8("click"),
        concat(withoutDuration, bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0x01)), "duration_ms", "fits in 32 bits");
  }

  private void weather(GenericRecord reading) {
    byte[] body = encode(reading);
    String city = reading.get("city").toString();
    byte[] cityBytes = utf8(city);
    broken("string length as an eleven-byte varint", "weather", NON_UTF8_KEY,
        replace(body, encodedString(city), concat(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), cityBytes)),
        "city", "fits in 64 bits");
    broken("string length as a ten-byte varint with bits past 64 (Avro reads the right length)", "weather", utf8("w"),
        replace(body, encodedString(city), concat(overflowingLong(cityBytes.length * 2L), cityBytes)), "city", "fits in 64 bits");
    GenericRecord accented = copy(reading);
    accented.put("city", "São Paulo");
    valid("non-ASCII city", "weather", ACCENTED_KEY, encode(accented));
  }

  private void broken(String name, String topic, byte[] key, byte[] body, String field, String rule) {
    entries.add(new Entry(name, topic, key, body, Optional.of(field), rule));
  }

  private void valid(String name, String topic, byte[] key, byte[] body) {
    entries.add(new Entry(name, topic, key, body, Optional.empty(), ""));
  }

  private static GenericRecord copy(GenericRecord record) {
    return AvroData.MODEL.deepCopy(record.getSchema(), record);
  }

  static byte[] encode(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema(), AvroData.MODEL).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Avro's zig-zag varint of a value, as its encoder writes it (the minimal form). */
  static byte[] zigZag(long value) {
    long n = (value << 1) ^ (value >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((n & ~0x7fL) != 0) {
      out.write((int) ((n & 0x7f) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
    return out.toByteArray();
  }

  /** A non-negative int as five varint bytes whose last carries bit 32, which Avro's reader drops. */
  static byte[] overflowingInt(int value) {
    long n = ((long) value << 1) ^ (value >> 31);
    return bytes((int) (n & 0x7f) | 0x80, (int) (n >> 7 & 0x7f) | 0x80, (int) (n >> 14 & 0x7f) | 0x80,
        (int) (n >> 21 & 0x7f) | 0x80, (int) (n >> 28 & 0x0f) | 0x10);
  }

  /** A zig-zagged value below 2^56 as ten varint bytes whose last carries bit 64, which Avro's reader drops. */
  static byte[] overflowingLong(long zigZagged) {
    byte[] out = new byte[10];
    for (int i = 0; i < 9; i++) {
      out[i] = (byte) ((zigZagged >> (7 * i) & 0x7f) | 0x80);
    }
    out[9] = 0x02;
    return out;
  }

  static byte[] encodedString(String text) {
    return concat(zigZag(utf8(text).length), utf8(text));
  }

  private static byte[] replaceString(byte[] body, String current, byte[] newContent) {
    return replace(body, encodedString(current), concat(zigZag(newContent.length), newContent));
  }

  /** The body with the one occurrence of {@code find} replaced; more or none is a fixture error. */
  static byte[] replace(byte[] body, byte[] find, byte[] replacement) {
    int at = -1;
    for (int i = 0; i + find.length <= body.length; i++) {
      if (Arrays.equals(body, i, i + find.length, find, 0, find.length)) {
        if (at >= 0) {
          throw new IllegalArgumentException("the bytes to replace occur more than once; choose a more distinctive value");
        }
        at = i;
      }
    }
    if (at < 0) {
      throw new IllegalArgumentException("the bytes to replace do not occur in the record");
    }
    return concat(Arrays.copyOf(body, at), replacement, Arrays.copyOfRange(body, at + find.length, body.length));
  }

  private static byte[] withByteAt(byte[] text, int index, int value) {
    byte[] copy = text.clone();
    copy[index] = (byte) value;
    return copy;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
