package io.assay.schemas.wire;

import java.nio.ByteBuffer;

/** Confluent's wire format: magic byte 0, a 4-byte big-endian schema id, then Avro binary. */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  public static byte[] frame(int schemaId, byte[] avroBinary) {
    return ByteBuffer.allocate(HEADER_LENGTH + avroBinary.length)
        .put(MAGIC_BYTE)
        .putInt(schemaId)
        .put(avroBinary)
        .array();
  }

  /** The schema id of a framed message; the caller has checked the length and magic byte. */
  public static int schemaId(byte[] message) {
    return ByteBuffer.wrap(message, 1, 4).getInt();
  }
}
