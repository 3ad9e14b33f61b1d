package org.cinderemu.scheduler;

import org.cinderemu.common.oslo.Strutils;
import org.cinderemu.common.py.PyRepr;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The few Python conversions Cinder's scheduler leans on ({@code float()}, {@code str()}, truthiness,
 * {@code strutils.bool_from_string}, {@code round(x, 2)}), applied to JSON values so that capability
 * reports compare exactly as they do in the Python scheduler.
 */
public final class PyValues {

  // Python float(): optional sign, digits with single '_' separators, optional fraction and exponent
  private static final Pattern PY_FLOAT = Pattern.compile(
      "[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");
  private static final Pattern PY_SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)");

  private PyValues() {
  }

  /** {@code float(v)}; empty where Python would raise (None, dicts, lists, non-numeric strings). */
  public static OptionalDouble toFloat(Object v) {
    if (v instanceof Boolean b) {
      return OptionalDouble.of(b ? 1.0 : 0.0);
    }
    if (v instanceof Number n) {
      return OptionalDouble.of(n.doubleValue());
    }
    if (v instanceof String s) {
      String t = s.strip();
      if (PY_FLOAT.matcher(t).matches()) {
        return OptionalDouble.of(Double.parseDouble(t.replace("_", "")));
      }
      String lower = t.toLowerCase(Locale.ROOT);
      if (PY_SPECIAL.matcher(lower).matches()) {
        boolean negative = lower.startsWith("-");
        if (lower.endsWith("nan")) {
          return OptionalDouble.of(Double.NaN);
        }
        return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
      }
    }
    return OptionalDouble.empty();
  }

  /** {@code float(v)} with a fallback for values Python could not convert. */
  public static double toFloat(Object v, double fallback) {
    return toFloat(v).orElse(fallback);
  }

  /** Python truthiness: None, False, 0, "" and empty containers are false. */
  public static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0.0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof JsonObject o) {
      return !o.isEmpty();
    }
    if (v instanceof JsonArray a) {
      return !a.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    return true;
  }

  /** oslo {@code strutils.bool_from_string(v)} (non-strict, default False). */
  public static boolean boolFromString(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    return Strutils.boolFromString(v instanceof String ? v : str(v));
  }

  /** Python's {@code str()} of a decoded JSON value (see {@link PyRepr}). */
  public static String str(Object v) {
    return PyRepr.str(v);
  }

  /** Python's {@code repr()} of a decoded JSON value (see {@link PyRepr}). */
  public static String repr(Object v) {
    return PyRepr.repr(v);
  }

  static String floatRepr(double d) {
    return PyRepr.reprFloat(d);
  }

  /** {@code round(x, 2)}: half-even on the exact binary value, as CPython does. */
  public static double round2(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** Python {@code ==} between two decoded JSON values (numbers and booleans compare numerically). */
  public static boolean pyEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    boolean aNum = a instanceof Number || a instanceof Boolean;
    boolean bNum = b instanceof Number || b instanceof Boolean;
    if (aNum && bNum) {
      return toFloat(a).getAsDouble() == toFloat(b).getAsDouble();
    }
    if (a instanceof JsonObject o) {
      a = o.getMap();
    }
    if (b instanceof JsonObject o) {
      b = o.getMap();
    }
    if (a instanceof JsonArray arr) {
      a = arr.getList();
    }
    if (b instanceof JsonArray arr) {
      b = arr.getList();
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        if (!mb.containsKey(e.getKey()) || !pyEquals(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof java.util.List<?> la && b instanceof java.util.List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!pyEquals(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
