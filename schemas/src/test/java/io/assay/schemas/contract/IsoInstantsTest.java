package io.assay.schemas.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reader must accept and reject exactly what {@link OffsetDateTime#parse} does. */
class IsoInstantsTest {
  private static final String[] SAMPLES = {
      "2026-11-24T10:15:30Z", "2026-11-24T10:15:30.5Z", "2026-11-24T10:15:30.123456789Z", "2026-11-24T10:15:30.1234567891Z",
      "2026-11-24T10:15:30+05:30", "2026-11-24T10:15:30.250-08:00", "2026-11-24T10:15:30-00:00", "2026-11-24T10:15:30+18:00",
      "2026-11-24T10:15:30+18:01", "2026-11-24T10:15:30+05:30:15", "2026-11-24T10:15Z", "2026-11-24t10:15:30z",
      "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-24T24:00:00Z",
      "2026-11-24T23:59:60Z", "2026-11-24T10:15:30.Z", "2026-11-24T10:15:30", "2026-11-24 10:15:30Z", "2026-11-24T10:15:30ZZ",
      "2026-11-24T1a:15:30Z", "+2026-11-24T10:15:30Z", "20261124T101530Z", "2026-11-24T10:15:30+0530", "", "yesterday",
      "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"};

  @Test
  void agreesWithOffsetDateTimeOnEdgeCases() {
    for (String sample : SAMPLES) {
      assertSameAsJdk(sample);
    }
  }

  @Test
  void agreesWithOffsetDateTimeOnRandomMutations() {
    Random random = new Random(11);
    String alphabet = "0123456789-:T.Z+ ";
    for (int i = 0; i < 20_000; i++) {
      char[] text = SAMPLES[random.nextInt(SAMPLES.length)].toCharArray();
      if (text.length > 0) {
        text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      assertSameAsJdk(new String(text));
    }
  }

  private static void assertSameAsJdk(String text) {
    Instant expected;
    try {
      expected = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      assertThrows(DateTimeParseException.class, () -> IsoInstants.parse(text), () -> "accepted '" + text + "'");
      return;
    }
    assertEquals(expected, IsoInstants.parse(text), text);
  }
}
