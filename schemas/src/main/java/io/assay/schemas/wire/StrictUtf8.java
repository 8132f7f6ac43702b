package io.assay.schemas.wire;

import java.nio.charset.StandardCharsets;

/**
 * Well-formed UTF-8 as the Unicode standard defines it (table 3-7): no stray continuation bytes, no
 * overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short. The check runs on
 * every string of every record, so it allocates nothing and skips ASCII runs quickly.
 */
public final class StrictUtf8 {
  private static final int MAX_READABLE_CHARS = 120;

  private StrictUtf8() {}

  /** The offset of the first byte that starts no well-formed sequence, or -1 when all are well formed. */
  public static int firstMalformed(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int width = sequenceLength(bytes, i, end);
      if (width == 0) {
        return i;
      }
      i += width;
    }
    return -1;
  }

  public static boolean isWellFormed(byte[] bytes) {
    return firstMalformed(bytes, 0, bytes.length) < 0;
  }

  /** The bytes as text, or null when they are not well-formed UTF-8. */
  public static String decodeOrNull(byte[] bytes) {
    return bytes == null || !isWellFormed(bytes) ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * A readable form of possibly malformed bytes for error messages: well-formed characters as they
   * are, every other byte as {@code \xNN}, e.g. {@code Berl\xffin}; cut after 120 characters.
   */
  public static String readable(byte[] bytes, int offset, int length) {
    StringBuilder text = new StringBuilder();
    int i = offset;
    int end = offset + length;
    while (i < end && text.length() < MAX_READABLE_CHARS) {
      int b = bytes[i];
      int width = b >= 0 ? 1 : sequenceLength(bytes, i, end);
      if (width == 0) {
        text.append(String.format("\\x%02x", b & 0xff));
        i++;
      } else {
        text.append(new String(bytes, i, width, StandardCharsets.UTF_8));
        i += width;
      }
    }
    return i < end ? text.append("...").toString() : text.toString();
  }

  /** Length of the well-formed multi-byte sequence starting at {@code i}, or 0 if there is none. */
  private static int sequenceLength(byte[] bytes, int i, int end) {
    int lead = bytes[i] & 0xff;
    int width;
    int secondMin = 0x80;
    int secondMax = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      width = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      width = 3;
      if (lead == 0xe0) {
        secondMin = 0xa0; // below: overlong
      } else if (lead == 0xed) {
        secondMax = 0x9f; // above: UTF-16 surrogates
      }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      width = 4;
      if (lead == 0xf0) {
        secondMin = 0x90; // below: overlong
      } else if (lead == 0xf4) {
        secondMax = 0x8f; // above: beyond U+10FFFF
      }
    } else {
      return 0; // a continuation byte, an overlong lead (C0, C1) or F5..FF
    }
    if (i + width > end) {
      return 0;
    }
    int second = bytes[i + 1] & 0xff;
    if (second < secondMin || second > secondMax) {
      return 0;
    }
    for (int k = 2; k < width; k++) {
      if ((bytes[i + k] & 0xc0) != 0x80) {
        return 0;
      }
    }
    return width;
  }
}
