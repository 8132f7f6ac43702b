package io.assay.schemas.contract.expr;

import java.util.Locale;

/** One lexical token of a rule expression, with its 1-based column for error messages. */
record Token(Kind kind, String text, int column) {
  enum Kind { WORD, NUMBER, STRING, LPAREN, RPAREN, COMMA, DOT, ARROW, EQ, NE, LT, LE, GT, GE, PLUS, MINUS, STAR, END }

  /** Whether this is the keyword, in any case: {@code and}, {@code AND}. */
  boolean is(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }

  String shown() {
    return kind == Kind.END ? "the end" : "'" + text + "'";
  }

  String upper() {
    return text.toUpperCase(Locale.ROOT);
  }
}
