package io.assay.schemas.wire;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.ResolvingDecoder;

/**
 * Finds where a message that failed to decode breaks, as a field path of the writer's schema
 * ({@code items[1].product_name}). Used only after a failure, so the hot path pays nothing for it;
 * it reads with the writer's schema alone because resolution to the topic's schema skips dropped
 * fields at points that would name the wrong field.
 */
final class FieldLocator extends GenericDatumReader<Object> {
  private final StrictBinaryDecoder decoder = new StrictBinaryDecoder();
  /** Per array being read, innermost last: elements read whole, and whether one is being read now. */
  private final Deque<long[]> arrays = new ArrayDeque<>();

  FieldLocator(Schema writer) {
    super(writer, writer, AvroData.MODEL);
  }

  /** Where and why the Avro body breaks, or null if the writer's schema reads it whole. */
  MalformedAvroException locate(byte[] message, int offset, int length) {
    arrays.clear();
    try {
      read(null, decoder.reset(message, offset, length));
      return null;
    } catch (IOException | RuntimeException e) {
      return MalformedAvroException.of(e);
    }
  }

  @Override
  protected void readField(Object record, Schema.Field field, Object old, ResolvingDecoder in, Object state)
      throws IOException {
    try {
      super.readField(record, field, old, in, state);
    } catch (IOException | RuntimeException e) {
      throw MalformedAvroException.of(e).withinField(field.name());
    }
  }

  @Override
  protected Object readArray(Object old, Schema expected, ResolvingDecoder in) throws IOException {
    long[] progress = {0, 0};
    arrays.addLast(progress);
    try {
      return super.readArray(old, expected, in);
    } catch (IOException | RuntimeException e) {
      MalformedAvroException located = MalformedAvroException.of(e);
      throw progress[1] == 1 ? located.withinElement(progress[0]) : located;
    } finally {
      arrays.removeLast();
    }
  }

  @Override
  protected Object peekArray(Object array) {
    arrays.getLast()[1] = 1; // Avro peeks right before reading each element
    return super.peekArray(array);
  }

  @Override
  protected void addToArray(Object array, long position, Object element) {
    super.addToArray(array, position, element);
    long[] progress = arrays.getLast();
    progress[0] = position + 1;
    progress[1] = 0;
  }

  @Override
  protected Object readWithoutConversion(Object old, Schema expected, ResolvingDecoder in) throws IOException {
    if (expected.getType() != Schema.Type.UNION) {
      return super.readWithoutConversion(old, expected, in);
    }
    int branch;
    try {
      branch = in.readIndex();
    } catch (IndexOutOfBoundsException e) {
      throw new MalformedAvroException("a union index is one of 0.." + (expected.getTypes().size() - 1) + " for "
          + expected.getTypes().stream().map(Schema::getName).toList(), Integer.toString(decoder.lastIndex()));
    }
    return read(old, expected.getTypes().get(branch), in);
  }
}
