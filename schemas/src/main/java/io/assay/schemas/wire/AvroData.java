package io.assay.schemas.wire;

import java.lang.reflect.Method;
import org.apache.avro.Conversions;
import org.apache.avro.SystemLimitException;
import org.apache.avro.generic.GenericData;

/**
 * The one Avro data model used end to end: decimals as {@link java.math.BigDecimal}, never bytes or
 * doubles. Loading it also caps Avro's length limits, so a corrupt length prefix in a rogue payload
 * fails as a bad record instead of allocating gigabytes.
 */
public final class AvroData {
  /** Largest string, bytes or collection a record may declare; far above any real event. */
  public static final int MAX_DECLARED_LENGTH = 8 * 1024 * 1024;

  public static final GenericData MODEL = model();

  private AvroData() {}

  private static GenericData model() {
    capLengthLimits();
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    return model;
  }

  private static void capLengthLimits() {
    String limit = Integer.toString(MAX_DECLARED_LENGTH);
    for (String property : new String[] {
        SystemLimitException.MAX_BYTES_LENGTH_PROPERTY,
        SystemLimitException.MAX_STRING_LENGTH_PROPERTY,
        SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY}) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, limit);
      }
    }
    // Avro reads these properties once, when the class loads; it may have loaded before us.
    try {
      Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
      reset.setAccessible(true);
      reset.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot apply Avro's length limits (Avro version changed?)", e);
    }
  }
}
