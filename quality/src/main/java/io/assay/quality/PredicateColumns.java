package io.assay.quality;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.LambdaFunction;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.collection.JavaConverters;

/** The top-level columns a SQL predicate refers to, found by parsing it the way Spark will. */
final class PredicateColumns {
  private PredicateColumns() {}

  static Set<String> of(String predicate) {
    Expression expression = CatalystSqlParser$.MODULE$.parseExpression(predicate);
    Set<String> columns = new LinkedHashSet<>();
    collect(expression, new HashSet<>(), columns);
    return columns;
  }

  private static void collect(Expression expression, Set<String> lambdaVariables, Set<String> columns) {
    Set<String> scope = lambdaVariables;
    if (expression instanceof LambdaFunction lambda) {
      // x in "exists(items, x -> x.quantity > 0)" is the lambda's own variable, not a column.
      scope = new HashSet<>(lambdaVariables);
      for (NamedExpression argument : JavaConverters.seqAsJavaList(lambda.arguments())) {
        scope.add(argument.name());
      }
    }
    if (expression instanceof UnresolvedAttribute attribute) {
      String head = attribute.nameParts().head();
      if (!scope.contains(head)) {
        columns.add(head);
      }
    }
    for (Expression child : JavaConverters.seqAsJavaList(expression.children())) {
      collect(child, scope, columns);
    }
  }
}
