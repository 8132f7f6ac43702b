package io.assay.transformations;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table names a model's SQL reads: every identifier after FROM or JOIN, minus the names the
 * query defines itself as common table expressions. Comments and string literals are blanked first
 * so a word in either is never taken for a table. A plain scan is enough because models are single
 * SELECTs written for this runner; {@code EXTRACT(x FROM y)} would be misread, so models use
 * {@code date_part} instead.
 */
final class TableReferences {
  private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
  private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern FROM_OR_JOIN = Pattern.compile("\\b(?:FROM|JOIN)\\s+`?([A-Za-z_][A-Za-z0-9_]*)`?", Pattern.CASE_INSENSITIVE);
  private static final Pattern CTE_NAME = Pattern.compile("(?:\\bWITH|,)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+AS\\s*\\(", Pattern.CASE_INSENSITIVE);

  private TableReferences() {}

  /** Lower-case table names in order of first appearance. */
  static Set<String> in(String sql) {
    String code = STRING_LITERAL.matcher(BLOCK_COMMENT.matcher(LINE_COMMENT.matcher(sql).replaceAll(" ")).replaceAll(" ")).replaceAll("''");
    Set<String> cteNames = new LinkedHashSet<>();
    Matcher cte = CTE_NAME.matcher(code);
    while (cte.find()) {
      cteNames.add(cte.group(1).toLowerCase(Locale.ROOT));
    }
    Set<String> tables = new LinkedHashSet<>();
    Matcher ref = FROM_OR_JOIN.matcher(code);
    while (ref.find()) {
      String name = ref.group(1).toLowerCase(Locale.ROOT);
      if (!cteNames.contains(name)) {
        tables.add(name);
      }
    }
    return tables;
  }
}
