package org.cinderemu.common.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the shape of two JSON values: the same keys in the same order, the same value types,
 * recursively (a list by its first element). A null on either side matches any type, because the
 * captured lab and ours hold different data, not different formats.
 */
public final class JsonShape {

  private JsonShape() {
  }

  /** Differences between {@code expected} and {@code actual}, as "path: what" lines; empty when alike. */
  public static List<String> diff(Object expected, Object actual) {
    List<String> out = new ArrayList<>();
    diff("$", expected, actual, out);
    return out;
  }

  private static void diff(String path, Object e, Object a, List<String> out) {
    if (e == null || a == null) {
      return;
    }
    if (e instanceof JsonObject eo && a instanceof JsonObject ao) {
      List<String> ek = new ArrayList<>(eo.fieldNames());
      List<String> ak = new ArrayList<>(ao.fieldNames());
      if (!ek.equals(ak)) {
        out.add(path + ": keys " + ak + " instead of " + ek);
      }
      for (String k : ek) {
        if (ao.containsKey(k)) {
          diff(path + "." + k, eo.getValue(k), ao.getValue(k), out);
        }
      }
      return;
    }
    if (e instanceof JsonArray ea && a instanceof JsonArray aa) {
      if (!ea.isEmpty() && !aa.isEmpty()) {
        diff(path + "[0]", ea.getValue(0), aa.getValue(0), out);
      }
      return;
    }
    if (kind(e) != kind(a)) {
      out.add(path + ": " + kind(a) + " (" + a + ") instead of " + kind(e) + " (" + e + ")");
    }
  }

  private static String kind(Object v) {
    if (v instanceof JsonObject) {
      return "object";
    }
    if (v instanceof JsonArray) {
      return "array";
    }
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    return "string";
  }
}
