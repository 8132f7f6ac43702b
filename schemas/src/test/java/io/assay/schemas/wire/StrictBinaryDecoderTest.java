package io.assay.schemas.wire;

import static io.assay.schemas.wire.MalformedAvroCorpus.bytes;
import static io.assay.schemas.wire.MalformedAvroCorpus.concat;
import static io.assay.schemas.wire.MalformedAvroCorpus.utf8;
import static io.assay.schemas.wire.MalformedAvroCorpus.zigZag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The strict reader of Avro binary and its UTF-8 check, below the record level. */
class StrictBinaryDecoderTest {
  @Test
  void utf8CheckAgreesWithJavasStrictDecoder() {
    Random random = new Random(7);
    byte[] interesting = bytes(0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xef,
        0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff);
    for (int i = 0; i < 200_000; i++) {
      byte[] sample = new byte[random.nextInt(7)];
      for (int k = 0; k < sample.length; k++) {
        sample[k] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
      }
      assertEquals(javaAccepts(sample), StrictUtf8.isWellFormed(sample), () -> "disagree on " + Arrays.toString(sample));
    }
  }

  private static boolean javaAccepts(byte[] sample) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(sample));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void readableFormEscapesOnlyTheBadBytes() {
    assertEquals("Zürich", StrictUtf8.readable(utf8("Zürich"), 0, utf8("Zürich").length));
    assertEquals("Berl\\xffin", StrictUtf8.readable(bytes('B', 'e', 'r', 'l', 0xff, 'i', 'n'), 0, 7));
    assertEquals("\\xe2\\x82", StrictUtf8.readable(bytes(0xe2, 0x82), 0, 2));
    assertNull(StrictUtf8.decodeOrNull(MalformedAvroCorpus.NON_UTF8_KEY));
    assertEquals("clé-ü", StrictUtf8.decodeOrNull(MalformedAvroCorpus.ACCENTED_KEY));
  }

  @Test
  void booleansAreZeroOrOne() {
    StrictBinaryDecoder decoder = new StrictBinaryDecoder();
    assertTrue(decoder.reset(bytes(1), 0, 1).readBoolean());
    assertFalse(decoder.reset(bytes(0), 0, 1).readBoolean());
    MalformedAvroException two = assertThrows(MalformedAvroException.class, () -> decoder.reset(bytes(2), 0, 1).readBoolean());
    assertEquals("0x02", two.observed());
  }

  @Test
  void varintsAtTheirLimitsAreReadAndPastThemRefused() {
    StrictBinaryDecoder decoder = new StrictBinaryDecoder();
    assertEquals(Integer.MAX_VALUE, decoder.reset(bytes(0xfe, 0xff, 0xff, 0xff, 0x0f), 0, 5).readInt());
    assertEquals(Integer.MIN_VALUE, decoder.reset(bytes(0xff, 0xff, 0xff, 0xff, 0x0f), 0, 5).readInt());
    assertThrows(MalformedAvroException.class, () -> decoder.reset(bytes(0xfe, 0xff, 0xff, 0xff, 0x1f), 0, 5).readInt());
    byte[] maxLong = concat(bytes(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), bytes(0x01));
    assertEquals(Long.MAX_VALUE, decoder.reset(maxLong, 0, 10).readLong());
    byte[] overflowing = maxLong.clone();
    overflowing[9] = 0x03;
    assertThrows(MalformedAvroException.class, () -> decoder.reset(overflowing, 0, 10).readLong());
    assertEquals(-3, decoder.reset(zigZag(-3), 0, 1).readLong());
    assertEquals(300, decoder.reset(zigZag(300), 0, 2).readInt());
  }

  @Test
  void lengthsAndCountsAreCheckedBeforeAnythingIsAllocated() {
    StrictBinaryDecoder decoder = new StrictBinaryDecoder();
    MalformedAvroException tooLong = assertThrows(MalformedAvroException.class,
        () -> decoder.reset(concat(zigZag(1_000_000), utf8("abc")), 0, 6).readString(null));
    assertTrue(tooLong.rule().startsWith("truncated or corrupt Avro: the bytes end inside a string of 1000000 bytes"), tooLong.rule());
    assertThrows(MalformedAvroException.class, () -> decoder.reset(zigZag(-1), 0, 1).readBytes(null));
    assertThrows(MalformedAvroException.class, () -> decoder.reset(zigZag(AvroData.MAX_DECLARED_LENGTH + 1L), 0, 4).readArrayStart());
    assertEquals(2, decoder.reset(concat(zigZag(-2), zigZag(3), utf8("abc")), 0, 5).readMapStart(), "negative count: blocked form with its size");
    assertThrows(MalformedAvroException.class, () -> decoder.reset(zigZag(-1), 0, 1).readIndex());
    assertThrows(MalformedAvroException.class, () -> decoder.reset(zigZag(-1), 0, 1).readEnum());
  }

  @Test
  void skippedBlocksMustDeclareAPossibleSize() {
    StrictBinaryDecoder decoder = new StrictBinaryDecoder();
    byte[] blocked = concat(zigZag(-1), zigZag(2), utf8("ab"), zigZag(0));
    decoder.reset(blocked, 0, blocked.length);
    assertEquals(0, decoder.skipArray());
    assertTrue(decoder.isEnd());
    byte[] pastTheEnd = concat(zigZag(-1), zigZag(50), utf8("ab"));
    assertThrows(MalformedAvroException.class, () -> decoder.reset(pastTheEnd, 0, pastTheEnd.length).skipArray());
  }
}
