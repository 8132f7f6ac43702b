package io.assay.schemas.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A path into a record as contracts write it: {@code currency}, {@code shipping_address.city}, or
 * {@code items[].quantity} for every element of an array of records.
 */
public final class FieldPath {
  private record Segment(String name, boolean eachElement) {}

  private final String text;
  private final List<Segment> segments;
  private final int arrays;

  private FieldPath(String text, List<Segment> segments) {
    this.text = text;
    this.segments = segments;
    this.arrays = (int) segments.stream().filter(Segment::eachElement).count();
  }

  public static FieldPath parse(String text) {
    List<Segment> segments = new ArrayList<>();
    for (String part : text.split("\\.", -1)) {
      boolean each = part.endsWith("[]");
      String name = each ? part.substring(0, part.length() - 2) : part;
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a field path: write name, parent.child or list[].child");
      }
      segments.add(new Segment(name, each));
    }
    if (segments.get(segments.size() - 1).eachElement()) {
      throw new IllegalArgumentException(
          "'" + text + "' ends in []: declare the array itself without [] and its elements' fields as list[].child");
    }
    return new FieldPath(text, List.copyOf(segments));
  }

  /**
   * A concrete value found at this path. Its text, with each array element's index
   * ({@code items[2].quantity}), is built only when asked: the validator needs it for violations only.
   */
  public static final class FieldValue {
    private static final int[] NO_INDICES = {};
    private final FieldPath at;
    private final int[] indices;
    private final Object value;

    private FieldValue(FieldPath at, int[] indices, Object value) {
      this.at = at;
      this.indices = indices;
      this.value = value;
    }

    public Object value() {
      return value;
    }

    public String path() {
      StringBuilder text = new StringBuilder();
      int element = 0;
      for (Segment segment : at.segments) {
        if (text.length() > 0) {
          text.append('.');
        }
        text.append(segment.name());
        if (segment.eachElement()) {
          text.append('[').append(indices[element++]).append(']');
        }
      }
      return text.toString();
    }

    @Override
    public String toString() {
      return path() + "=" + value;
    }
  }

  /** Every value at this path in the record: one for plain paths, one per element under {@code []}. */
  public List<FieldValue> resolve(GenericRecord record) {
    if (arrays == 0) {
      return List.of(new FieldValue(this, FieldValue.NO_INDICES, valueIn(record)));
    }
    List<FieldValue> found = new ArrayList<>();
    collect(record, 0, new int[arrays], 0, found);
    return found;
  }

  /** The value of a plain path (no {@code []}), or null where any step is absent. */
  public Object valueIn(GenericRecord record) {
    Object current = record;
    for (Segment segment : segments) {
      current = field(current, segment);
    }
    return current;
  }

  /** One lookup of the field by name, then its value by position; null where the step is absent. */
  private static Object field(Object current, Segment segment) {
    if (current instanceof GenericRecord r) {
      Schema.Field field = r.getSchema().getField(segment.name());
      return field == null ? null : r.get(field.pos());
    }
    return null;
  }

  private void collect(Object current, int index, int[] indices, int element, List<FieldValue> found) {
    Segment segment = segments.get(index);
    Object value = field(current, segment);
    if (index == segments.size() - 1) {
      found.add(new FieldValue(this, indices.clone(), value));
    } else if (segment.eachElement()) {
      if (value instanceof Collection<?> elements) {
        int i = 0;
        for (Object item : elements) {
          indices[element] = i++;
          collect(item, index + 1, indices, element + 1, found);
        }
      }
    } else {
      collect(value, index + 1, indices, element, found);
    }
  }

  /** The schema this path names in a record schema, nullable unions unwrapped; throws if absent. */
  public Schema schemaIn(Schema recordSchema) {
    Schema current = recordSchema;
    for (Segment segment : segments) {
      current = AvroTypes.nonNull(current);
      if (current.getType() != Schema.Type.RECORD || current.getField(segment.name()) == null) {
        throw new IllegalArgumentException("no field '" + segment.name() + "' on the way to '" + text + "'");
      }
      current = AvroTypes.nonNull(current.getField(segment.name()).schema());
      if (segment.eachElement()) {
        if (current.getType() != Schema.Type.ARRAY) {
          throw new IllegalArgumentException("'" + segment.name() + "[]' in '" + text + "' is not an array");
        }
        current = current.getElementType();
      }
    }
    return AvroTypes.nonNull(current);
  }

  @Override
  public String toString() {
    return text;
  }
}
