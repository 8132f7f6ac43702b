package io.assay.quality;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import scala.Function1;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;

/** The few conversions needed to call Deequ's Scala API from Java. */
final class Scala {
  private Scala() {}

  static <T> Seq<T> seq(List<T> items) {
    return JavaConverters.asScalaBuffer(items).toSeq();
  }

  static <T> scala.collection.immutable.List<T> list(List<T> items) {
    return JavaConverters.asScalaBuffer(items).toList();
  }

  static <T> List<T> javaList(Seq<T> items) {
    return JavaConverters.seqAsJavaList(items);
  }

  static scala.collection.immutable.Map<String, String> map(Map<String, String> entries) {
    scala.collection.immutable.Map<String, String> map = scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      map = map.$plus(new Tuple2<>(entry.getKey(), entry.getValue()));
    }
    return map;
  }

  static <T> Option<T> none() {
    return Option.empty();
  }

  static <T> Option<T> some(T value) {
    return Option.apply(value);
  }

  /** A Deequ assertion over a metric value (Deequ hands doubles, or longs for sizes, boxed). */
  static Function1<Object, Object> assertion(DoublePredicate holds) {
    return new MetricAssertion(holds);
  }

  private static final class MetricAssertion extends AbstractFunction1<Object, Object> implements Serializable {
    private final transient DoublePredicate holds;

    MetricAssertion(DoublePredicate holds) {
      this.holds = holds;
    }

    @Override
    public Object apply(Object metric) {
      return holds.test(((Number) metric).doubleValue());
    }
  }
}
