package io.assay.schemas.contract.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits a rule expression into tokens; anything outside the small language is refused with its column. */
final class Lexer {
  private final String text;
  private int pos;

  private Lexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    return new Lexer(text).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      if (pos == text.length()) {
        tokens.add(new Token(Token.Kind.END, "", pos + 1));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = pos;
    char c = text.charAt(pos);
    if (Character.isLetter(c) || c == '_') {
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      return token(Token.Kind.WORD, start);
    }
    if (Character.isDigit(c)) {
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
        pos++;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
      }
      if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
        throw new ExpressionException("a number cannot run into a name: '" + text.substring(start, pos + 1) + "'", start + 1);
      }
      return token(Token.Kind.NUMBER, start);
    }
    if (c == '\'') {
      int end = text.indexOf('\'', pos + 1);
      if (end < 0) {
        throw new ExpressionException("string literal is not closed with '", start + 1);
      }
      pos = end + 1;
      if (pos < text.length() && text.charAt(pos) == '\'') {
        throw new ExpressionException("a quote inside a string literal is not supported", pos + 1);
      }
      return new Token(Token.Kind.STRING, text.substring(start + 1, end), start + 1);
    }
    pos++;
    return switch (c) {
      case '(' -> token(Token.Kind.LPAREN, start);
      case ')' -> token(Token.Kind.RPAREN, start);
      case ',' -> token(Token.Kind.COMMA, start);
      case '.' -> token(Token.Kind.DOT, start);
      case '+' -> token(Token.Kind.PLUS, start);
      case '*' -> token(Token.Kind.STAR, start);
      case '=' -> {
        if (peek('=')) {
          throw new ExpressionException("write = for equality, not ==", start + 1);
        }
        yield token(Token.Kind.EQ, start);
      }
      case '-' -> peek('>') ? token(Token.Kind.ARROW, start) : token(Token.Kind.MINUS, start);
      case '!' -> {
        if (!peek('=')) {
          throw new ExpressionException("unexpected '!': write NOT for negation, <> or != for inequality", start + 1);
        }
        yield token(Token.Kind.NE, start);
      }
      case '<' -> peek('=') ? token(Token.Kind.LE, start) : peek('>') ? token(Token.Kind.NE, start) : token(Token.Kind.LT, start);
      case '>' -> peek('=') ? token(Token.Kind.GE, start) : token(Token.Kind.GT, start);
      case '"' -> throw new ExpressionException("strings are written in single quotes: 'text'", start + 1);
      case '[' -> throw new ExpressionException("unexpected '[': to judge array elements write forall(items, i -> i.field ...)", start + 1);
      case '/', '%' -> throw new ExpressionException("'" + c + "' is not supported: rules use + - * so decimals stay exact", start + 1);
      default -> throw new ExpressionException("unexpected character '" + c + "'", start + 1);
    };
  }

  private boolean peek(char expected) {
    if (pos < text.length() && text.charAt(pos) == expected) {
      pos++;
      return true;
    }
    return false;
  }

  private Token token(Token.Kind kind, int start) {
    return new Token(kind, text.substring(start, pos), start + 1);
  }
}
