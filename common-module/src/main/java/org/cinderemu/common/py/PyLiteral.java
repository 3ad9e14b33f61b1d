package org.cinderemu.common.py;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code ast.literal_eval} for the literals Cinder's API evaluates in query filters ({@code
 * metadata={'k': 'v'}}): dicts, lists, tuples, strings (either quote, escapes, adjacent literals joined), ints,
 * floats, {@code True}/{@code False}/{@code None}. Dicts become ordered maps, lists and tuples lists (tuples
 * unmodifiable), ints {@link Long} or {@link BigInteger}, floats {@link Double}, None {@code null}.
 */
public final class PyLiteral {

  /** The text is not a literal {@code ast.literal_eval} accepts (Python raises ValueError or SyntaxError). */
  public static final class SyntaxException extends IllegalArgumentException {
    SyntaxException(String message, int position) {
      super(message + " at position " + position);
    }
  }

  private final String text;
  private int pos;

  private PyLiteral(String text) {
    this.text = text;
  }

  public static Object parse(String text) {
    PyLiteral p = new PyLiteral(text);
    Object value = p.value();
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("unexpected '" + text.charAt(p.pos) + "'");
    }
    return value;
  }

  /**
   * A dict literal with its keys and values as Python's {@code str()} (None stays null), the form metadata
   * filters take; throws {@link SyntaxException} for anything that is not a dict.
   */
  public static Map<String, String> parseStringDict(String text) {
    if (!(parse(text) instanceof Map<?, ?> dict)) {
      throw new SyntaxException("not a dict", 0);
    }
    Map<String, String> out = new LinkedHashMap<>();
    dict.forEach((k, v) -> out.put(PyRepr.str(k), v == null ? null : PyRepr.str(v)));
    return out;
  }

  private Object value() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> dict();
      case '[' -> sequence(']', false);
      case '(' -> sequence(')', true);
      case '\'', '"' -> strings();
      default -> {
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
          yield number();
        }
        if (Character.isLetter(c)) {
          yield nameOrPrefixedString();
        }
        throw error("unexpected '" + c + "'");
      }
    };
  }

  private Map<Object, Object> dict() {
    pos++;
    Map<Object, Object> out = new LinkedHashMap<>();
    while (!closes('}')) {
      Object key = value();
      skipSpace();
      expect(':');
      out.put(key, value());
      if (!comma()) {
        expect('}');
        break;
      }
    }
    return out;
  }

  // a parenthesized single value without a comma is that value, not a tuple: (1) == 1, (1,) is a tuple
  private Object sequence(char close, boolean tuple) {
    pos++;
    List<Object> out = new ArrayList<>();
    boolean sawComma = false;
    while (!closes(close)) {
      out.add(value());
      if (!comma()) {
        expect(close);
        break;
      }
      sawComma = true;
    }
    if (!tuple) {
      return out;
    }
    if (out.size() == 1 && !sawComma) {
      return out.get(0);
    }
    return Collections.unmodifiableList(out);
  }

  /** After an element: true if a comma follows (consumed), false if not. */
  private boolean comma() {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == ',') {
      pos++;
      return true;
    }
    return false;
  }

  /** True (and consumed) if the collection closes here. */
  private boolean closes(char close) {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == close) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    skipSpace();
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private Object nameOrPrefixedString() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String name = text.substring(start, pos);
    if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')
        && (name.equalsIgnoreCase("u") || name.equalsIgnoreCase("r"))) {
      pos = start;
      return strings();
    }
    return switch (name) {
      case "True" -> Boolean.TRUE;
      case "False" -> Boolean.FALSE;
      case "None" -> null;
      default -> throw new SyntaxException("malformed node or string: " + name, start);
    };
  }

  /** One or more adjacent string literals, joined as Python's parser joins them. */
  private String strings() {
    StringBuilder sb = new StringBuilder();
    do {
      string(sb);
      skipSpace();
    } while (pos < text.length() && startsString());
    return sb.toString();
  }

  private boolean startsString() {
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      return true;
    }
    return (c == 'u' || c == 'U' || c == 'r' || c == 'R') && pos + 1 < text.length()
        && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"');
  }

  private void string(StringBuilder sb) {
    boolean raw = false;
    char c = text.charAt(pos);
    if (c == 'r' || c == 'R') {
      raw = true;
      pos++;
    } else if (c == 'u' || c == 'U') {
      pos++;
    }
    int start = pos;
    char quote = text.charAt(pos);
    String delimiter = text.startsWith(String.valueOf(quote).repeat(3), pos) ? String.valueOf(quote).repeat(3)
        : String.valueOf(quote);
    pos += delimiter.length();
    while (true) {
      if (pos >= text.length()) {
        throw new SyntaxException("unterminated string literal", start);
      }
      if (text.startsWith(delimiter, pos)) {
        pos += delimiter.length();
        return;
      }
      char ch = text.charAt(pos);
      if (ch == '\n' && delimiter.length() == 1) {
        throw new SyntaxException("unterminated string literal", start);
      }
      if (ch == '\\' && pos + 1 < text.length()) {
        if (raw) {
          sb.append(ch).append(text.charAt(pos + 1));
          pos += 2;
        } else {
          escape(sb);
        }
      } else {
        sb.append(ch);
        pos++;
      }
    }
  }

  private void escape(StringBuilder sb) {
    char e = text.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case '\n' -> {
      }
      case '\\', '\'', '"' -> sb.append(e);
      case 'n' -> sb.append('\n');
      case 't' -> sb.append('\t');
      case 'r' -> sb.append('\r');
      case 'a' -> sb.append('\u0007');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'v' -> sb.append('\u000b');
      case 'x' -> sb.appendCodePoint(hex(2));
      case 'u' -> sb.appendCodePoint(hex(4));
      case 'U' -> sb.appendCodePoint(hex(8));
      default -> {
        if (e >= '0' && e <= '7') {
          int end = pos - 1;
          while (end < text.length() && end < pos + 2 && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
            end++;
          }
          sb.appendCodePoint(Integer.parseInt(text.substring(pos - 1, end), 8));
          pos = end;
        } else {
          // Python keeps an unknown escape as written
          sb.append('\\').append(e);
        }
      }
    }
  }

  private int hex(int digits) {
    if (pos + digits > text.length()) {
      throw error("truncated \\x, \\u or \\U escape");
    }
    try {
      int cp = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
      if (!Character.isValidCodePoint(cp)) {
        throw error("illegal Unicode character");
      }
      pos += digits;
      return cp;
    } catch (NumberFormatException e) {
      throw error("truncated \\x, \\u or \\U escape");
    }
  }

  private Object number() {
    int start = pos;
    boolean negative = false;
    while (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
      negative ^= text.charAt(pos) == '-';
      pos++;
      skipSpace();
    }
    int digitsStart = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "._".indexOf(text.charAt(pos)) >= 0
        || ((text.charAt(pos) == '-' || text.charAt(pos) == '+') && "eE".indexOf(text.charAt(pos - 1)) >= 0
        && !isPrefixed(digitsStart)))) {
      pos++;
    }
    String literal = text.substring(digitsStart, pos);
    if (literal.isEmpty() || literal.startsWith("_") || literal.endsWith("_") || literal.contains("__")) {
      throw new SyntaxException("invalid number", start);
    }
    String digits = literal.replace("_", "");
    try {
      Object value = isPrefixed(digitsStart) ? new BigInteger(digits.substring(2), radix(digits.charAt(1)))
          : digits.matches("[0-9]+") ? decimalInt(digits) : Double.valueOf(floatLiteral(digits));
      return negate(value, negative);
    } catch (NumberFormatException e) {
      throw new SyntaxException("invalid number " + literal, start);
    }
  }

  private boolean isPrefixed(int at) {
    return at + 1 < text.length() && text.charAt(at) == '0' && "xXoObB".indexOf(text.charAt(at + 1)) >= 0;
  }

  private static int radix(char c) {
    return switch (Character.toLowerCase(c)) {
      case 'x' -> 16;
      case 'o' -> 8;
      default -> 2;
    };
  }

  // Python 3 refuses leading zeros in a decimal int (012), except for zero itself (00)
  private static BigInteger decimalInt(String digits) {
    if (digits.length() > 1 && digits.charAt(0) == '0' && !digits.matches("0+")) {
      throw new NumberFormatException(digits);
    }
    return new BigInteger(digits);
  }

  private static String floatLiteral(String digits) {
    if (!digits.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
      throw new NumberFormatException(digits);
    }
    return digits;
  }

  private static Object negate(Object value, boolean negative) {
    if (value instanceof BigInteger i) {
      BigInteger signed = negative ? i.negate() : i;
      return signed.bitLength() < 64 ? (Object) signed.longValue() : signed;
    }
    double d = (Double) value;
    return negative ? -d : d;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private SyntaxException error(String message) {
    return new SyntaxException(message, pos);
  }
}
