package org.cinderemu.common.py;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code repr()} and {@code str()} of decoded JSON values, so messages read exactly as Cinder's (the API's
 * jsonschema errors, the scheduler's extra-spec logs): ({@code 'abc' is not of type 'integer'}, {@code None}, {@code {'a': 1}}).
 */
public final class PyRepr {

  private PyRepr() {
  }

  /** {@code str(value)}: strings bare, everything else as repr. */
  public static String str(Object value) {
    return value instanceof CharSequence s ? s.toString() : repr(value);
  }

  public static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof CharSequence s) {
      return reprString(s.toString());
    }
    if (value instanceof Double || value instanceof Float) {
      return reprFloat(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal d) {
      return reprFloat(d.doubleValue());
    }
    if (value instanceof Number n) {
      return n.toString();
    }
    if (value instanceof JsonObject o) {
      return reprMap(o.getMap());
    }
    if (value instanceof Map<?, ?> m) {
      return reprMap(m);
    }
    if (value instanceof JsonArray a) {
      return reprList(a.getList());
    }
    if (value instanceof List<?> l) {
      return reprList(l);
    }
    return reprString(value.toString());
  }

  private static String reprMap(Map<?, ?> map) {
    StringBuilder sb = new StringBuilder("{");
    Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
      if (it.hasNext()) {
        sb.append(", ");
      }
    }
    return sb.append('}').toString();
  }

  private static String reprList(List<?> list) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(repr(list.get(i)));
    }
    return sb.append(']').toString();
  }

  // Python prefers single quotes, switching to double only to avoid escaping a single quote
  public static String reprString(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    s.codePoints().forEach(cp -> {
      if (cp == quote || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp < 0x20 || cp == 0x7f) {
        sb.append(String.format("\\x%02x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.append(quote).toString();
  }

  public static String reprFloat(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    double abs = Math.abs(d);
    if (abs != 0 && (abs >= 1e16 || abs < 1e-4)) {
      // Java: 1.0E20 / 1.5E-7; Python: 1e+20 / 1.5e-07
      String[] parts = Double.toString(d).split("E");
      String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
      int exp = Integer.parseInt(parts[1]);
      return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString()
        + (d == Math.rint(d) ? ".0" : "");
  }
}
