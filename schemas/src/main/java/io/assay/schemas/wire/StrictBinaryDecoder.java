package io.assay.schemas.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary encoding read from one byte array, refusing what Avro's own {@code BinaryDecoder}
 * lets through or silently changes: an int varint whose fifth byte carries bits past 32, a long
 * varint past 64 bits or over ten bytes, a boolean byte other than 0 or 1, a negative length or
 * block count, a block byte-size that is negative or runs past the end, a negative union or enum
 * index, and strings whose bytes are not well-formed UTF-8 (Avro keeps them and later turns them
 * into U+FFFD). Every failure is a {@link MalformedAvroException}; nothing is ever replaced.
 */
final class StrictBinaryDecoder extends Decoder {
  private byte[] buf;
  private int pos;
  private int limit;
  private int lastIndex = -1;

  StrictBinaryDecoder reset(byte[] data, int offset, int length) {
    buf = data;
    pos = offset;
    limit = offset + length;
    lastIndex = -1;
    return this;
  }

  boolean isEnd() {
    return pos == limit;
  }

  /** The last union index read, so a locator can say which index was out of range. */
  int lastIndex() {
    return lastIndex;
  }

  @Override
  public void readNull() {}

  @Override
  public boolean readBoolean() {
    require(1, "a boolean");
    int b = buf[pos++];
    if (b == 0 || b == 1) {
      return b == 1;
    }
    throw new MalformedAvroException("a boolean is the byte 0 or 1", String.format("0x%02x", b & 0xff));
  }

  @Override
  public int readInt() {
    if (pos < limit && buf[pos] >= 0) {
      return zigZag(buf[pos++]);
    }
    int start = pos;
    int n = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      require(1, "an int");
      int b = buf[pos++] & 0xff;
      if (shift == 28 && b > 0x0f) {
        throw new MalformedAvroException("an int varint fits in 32 bits (its fifth byte is at most 0x0f)", hex(start, pos));
      }
      n |= (b & 0x7f) << shift;
      if (b < 0x80) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw new IllegalStateException("unreachable: the fifth byte of an int varint ends it");
  }

  @Override
  public long readLong() {
    if (pos < limit && buf[pos] >= 0) {
      return zigZag(buf[pos++]);
    }
    int start = pos;
    long n = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      require(1, "a long");
      long b = buf[pos++] & 0xff;
      if (shift == 63 && b > 0x01) {
        throw new MalformedAvroException("a long varint fits in 64 bits (at most ten bytes, the tenth at most 0x01)", hex(start, pos));
      }
      n |= (b & 0x7f) << shift;
      if (b < 0x80) {
        return (n >>> 1) ^ -(n & 1);
      }
    }
    throw new IllegalStateException("unreachable: the tenth byte of a long varint ends it");
  }

  @Override
  public float readFloat() {
    require(4, "a float");
    int bits = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return Float.intBitsToFloat(bits);
  }

  @Override
  public double readDouble() {
    require(8, "a double");
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = bits << 8 | (buf[pos + i] & 0xff);
    }
    pos += 8;
    return Double.longBitsToDouble(bits);
  }

  @Override
  public Utf8 readString(Utf8 old) {
    int length = wellFormedString();
    Utf8 text = new Utf8(Arrays.copyOfRange(buf, pos, pos + length));
    pos += length;
    return text;
  }

  @Override
  public String readString() {
    int length = wellFormedString();
    String text = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return text;
  }

  @Override
  public void skipString() {
    int length = wellFormedString(); // before pos is read: the length's varint moves it
    pos += length;
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) {
    int length = length("bytes");
    ByteBuffer bytes = ByteBuffer.wrap(Arrays.copyOfRange(buf, pos, pos + length));
    pos += length;
    return bytes;
  }

  @Override
  public void skipBytes() {
    int length = length("bytes");
    pos += length;
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) {
    require(length, "a fixed of " + length + " bytes");
    System.arraycopy(buf, pos, bytes, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) {
    require(length, "a fixed of " + length + " bytes");
    pos += length;
  }

  @Override
  public int readEnum() {
    int index = readInt();
    if (index < 0) {
      throw new MalformedAvroException("an enum index is 0 or more", Integer.toString(index));
    }
    return index;
  }

  @Override
  public long readArrayStart() {
    return blockCount("array");
  }

  @Override
  public long arrayNext() {
    return blockCount("array");
  }

  @Override
  public long skipArray() {
    return skipBlocks("array");
  }

  @Override
  public long readMapStart() {
    return blockCount("map");
  }

  @Override
  public long mapNext() {
    return blockCount("map");
  }

  @Override
  public long skipMap() {
    return skipBlocks("map");
  }

  @Override
  public int readIndex() {
    int index = readInt();
    if (index < 0) {
      throw new MalformedAvroException("a union index is 0 or more", Integer.toString(index));
    }
    lastIndex = index;
    return index;
  }

  /** Reads a string's length and checks its bytes; the caller consumes them. */
  private int wellFormedString() {
    int length = length("string");
    int bad = StrictUtf8.firstMalformed(buf, pos, length);
    if (bad >= 0) {
      throw new MalformedAvroException(String.format("a string is well-formed UTF-8 (byte 0x%02x at %d is not)",
          buf[bad] & 0xff, bad - pos), StrictUtf8.readable(buf, pos, length));
    }
    return length;
  }

  private int length(String kind) {
    long length = readLong();
    if (length < 0) {
      throw new MalformedAvroException("a " + kind + " length is 0 or more", Long.toString(length));
    }
    if (length > limit - pos) {
      throw MalformedAvroException.truncated("a " + kind + " of " + length + " bytes (" + (limit - pos) + " left)");
    }
    return (int) length;
  }

  /**
   * One block's item count. A negative count is Avro's blocked form: the count's absolute value
   * followed by the block's size in bytes, which must itself be possible.
   */
  private long blockCount(String kind) {
    long count = readLong();
    if (count < 0) {
      if (count == Long.MIN_VALUE) {
        throw new MalformedAvroException("an " + kind + " block count fits in 64 bits when negated", Long.toString(count));
      }
      count = -count;
      blockSize(kind);
    }
    if (count > AvroData.MAX_DECLARED_LENGTH) {
      throw new MalformedAvroException("an " + kind + " block has at most " + AvroData.MAX_DECLARED_LENGTH + " items",
          Long.toString(count));
    }
    return count;
  }

  private long blockSize(String kind) {
    long size = readLong();
    if (size < 0 || size > limit - pos) {
      throw new MalformedAvroException("an " + kind + " block's byte size is between 0 and the " + (limit - pos) + " bytes left",
          Long.toString(size));
    }
    return size;
  }

  /** Skips blocks that declare their byte size; returns the item count of a block that does not (0 at the end). */
  private long skipBlocks(String kind) {
    while (true) {
      long count = readLong();
      if (count >= 0) {
        if (count > AvroData.MAX_DECLARED_LENGTH) {
          throw new MalformedAvroException("an " + kind + " block has at most " + AvroData.MAX_DECLARED_LENGTH + " items",
              Long.toString(count));
        }
        return count;
      }
      if (count == Long.MIN_VALUE) {
        throw new MalformedAvroException("an " + kind + " block count fits in 64 bits when negated", Long.toString(count));
      }
      long size = blockSize(kind);
      pos += (int) size;
    }
  }

  private void require(int bytes, String what) {
    if (limit - pos < bytes) {
      throw MalformedAvroException.truncated(what);
    }
  }

  private String hex(int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i < to; i++) {
      text.append(i > from ? " " : "").append(String.format("%02x", buf[i] & 0xff));
    }
    return text.toString();
  }

  private static int zigZag(int n) {
    return (n >>> 1) ^ -(n & 1);
  }
}
