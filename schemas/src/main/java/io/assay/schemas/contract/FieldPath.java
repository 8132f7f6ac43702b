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

  private FieldPath(String text, List<Segment> segments) {
    this.text = text;
    this.segments = segments;
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

  /** A concrete value found at this path, with the path written with its element index. */
  public record FieldValue(String path, Object value) {}

  /** Every value at this path in the record: one for plain paths, one per element under {@code []}. */
  public List<FieldValue> resolve(GenericRecord record) {
    List<FieldValue> found = new ArrayList<>(1);
    collect(record, 0, "", found);
    return found;
  }

  /** The value of a plain path (no {@code []}), or null where any step is absent. */
  public Object valueIn(GenericRecord record) {
    Object current = record;
    for (Segment segment : segments) {
      if (!(current instanceof GenericRecord r) || r.getSchema().getField(segment.name()) == null) {
        return null;
      }
      current = r.get(segment.name());
    }
    return current;
  }

  private void collect(Object current, int index, String prefix, List<FieldValue> found) {
    Segment segment = segments.get(index);
    Object value = null;
    if (current instanceof GenericRecord r && r.getSchema().getField(segment.name()) != null) {
      value = r.get(segment.name());
    }
    String here = prefix + segment.name();
    boolean last = index == segments.size() - 1;
    if (last) {
      found.add(new FieldValue(here, value));
    } else if (segment.eachElement()) {
      if (value instanceof Collection<?> elements) {
        int i = 0;
        for (Object element : elements) {
          collect(element, index + 1, here + "[" + i++ + "].", found);
        }
      }
    } else {
      collect(value, index + 1, here + ".", found);
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
