package org.cinderemu.scheduler.filters;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiPredicate;
import java.util.function.DoubleBinaryOperator;
import org.cinderemu.scheduler.PyValues;

/**
 * Cinder's {@code extra_specs_ops.match(value, req)} (docs/cinder-reference.md §6.3). The first word of {@code req} may
 * be an operator: {@code =} (numeric &gt;=), {@code == != >= <=} (numeric), {@code s== s!= s< s<= s> s>=} (string),
 * {@code <in>} (substring), {@code <is>} (boolean), {@code <or>} (any of); otherwise the whole requirement must
 * equal the capability as a string. Where Python would raise (e.g. {@code float('abc')}), there is no match.
 */
public final class ExtraSpecsOps {

  private static final Map<String, BiPredicate<Object, String>> OPS = Map.ofEntries(
      Map.entry("=", numeric((x, y) -> x >= y ? 1 : 0)),
      Map.entry("<in>", ExtraSpecsOps::contains),
      Map.entry("<is>", (x, y) -> PyValues.boolFromString(x) == PyValues.boolFromString(y)),
      Map.entry("==", numeric((x, y) -> x == y ? 1 : 0)),
      Map.entry("!=", numeric((x, y) -> x != y ? 1 : 0)),
      Map.entry(">=", numeric((x, y) -> x >= y ? 1 : 0)),
      Map.entry("<=", numeric((x, y) -> x <= y ? 1 : 0)),
      Map.entry("s==", (x, y) -> x instanceof String s && s.equals(y)),
      Map.entry("s!=", (x, y) -> !(x instanceof String s && s.equals(y))),
      Map.entry("s<", stringOrder(c -> c < 0)),
      Map.entry("s<=", stringOrder(c -> c <= 0)),
      Map.entry("s>", stringOrder(c -> c > 0)),
      Map.entry("s>=", stringOrder(c -> c >= 0)));

  private ExtraSpecsOps() {
  }

  /** Does one capability value satisfy one extra-spec requirement? */
  public static boolean match(Object value, String req) {
    if (req == null) {
      return value == null;
    }
    List<String> words = splitWords(req);
    String op = null;
    BiPredicate<Object, String> method = null;
    if (!words.isEmpty()) {
      op = words.remove(0);
      method = OPS.get(op);
    }
    boolean isOr = "<or>".equals(op);
    if (!isOr && method == null) {
      return value instanceof String s && s.equals(req);
    }
    if (value == null) {
      return false;
    }
    if (isOr) {
      // "<or> a <or> b": every other word is a candidate
      while (!words.isEmpty()) {
        if (PyValues.pyEquals(words.remove(0), value)) {
          return true;
        }
        if (words.isEmpty()) {
          break;
        }
        words.remove(0);
      }
      return false;
    }
    if (words.isEmpty()) {
      return false;
    }
    if ("<is>".equals(op)) {
      return method.test(PyValues.str(value), words.get(0));
    }
    return method.test(value, words.get(0));
  }

  // Python str.split(): runs of whitespace, no empty words
  private static List<String> splitWords(String req) {
    String stripped = req.strip();
    if (stripped.isEmpty()) {
      return new ArrayList<>();
    }
    return new ArrayList<>(Arrays.asList(stripped.split("\\s+")));
  }

  private static BiPredicate<Object, String> numeric(DoubleBinaryOperator compare) {
    return (x, y) -> {
      OptionalDouble a = PyValues.toFloat(x);
      OptionalDouble b = PyValues.toFloat(y);
      return a.isPresent() && b.isPresent() && compare.applyAsDouble(a.getAsDouble(), b.getAsDouble()) == 1;
    };
  }

  private static BiPredicate<Object, String> stringOrder(java.util.function.IntPredicate test) {
    return (x, y) -> x instanceof String s && test.test(s.compareTo(y));
  }

  // Python "y in x": substring of a string, element of a list, key of a dict
  private static boolean contains(Object x, String y) {
    if (x instanceof String s) {
      return s.contains(y);
    }
    if (x instanceof JsonArray a) {
      return a.stream().anyMatch(e -> PyValues.pyEquals(e, y));
    }
    if (x instanceof Collection<?> c) {
      return c.stream().anyMatch(e -> PyValues.pyEquals(e, y));
    }
    if (x instanceof JsonObject o) {
      return o.containsKey(y);
    }
    if (x instanceof Map<?, ?> m) {
      return m.containsKey(y);
    }
    return false;
  }
}
