package io.assay.transformations;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * The session models run in: a sibling of the caller's session (same SparkContext, same settings)
 * with its own temporary views, so registering a model's sources as views named {@code silver_orders}
 * or {@code bronze_orders} can never replace or drop a view the caller made with the same name.
 */
final class ModelSession {
  private ModelSession() {}

  static SparkSession isolatedFrom(SparkSession caller) {
    SparkSession session = caller.newSession();
    Map<String, String> settings = JavaConverters.mapAsJavaMap(caller.conf().getAll());
    settings.forEach((key, value) -> {
      if (caller.conf().isModifiable(key)) {
        session.conf().set(key, value); // e.g. a time zone set at runtime, which newSession() does not carry over
      }
    });
    return session;
  }
}
