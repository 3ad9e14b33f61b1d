package org.cinderemu.deploy.chaos.run;

import java.util.Locale;

/** An inclusive range of numbers, either end open: {@code {"min": 1}}, {@code {"max": 0}}. */
public record Range(Double min, Double max) {

  public static Range exactly(double v) {
    return new Range(v, v);
  }

  public boolean contains(double v) {
    return (min == null || v >= min) && (max == null || v <= max);
  }

  @Override
  public String toString() {
    if (min != null && min.equals(max)) {
      return "= " + num(min);
    }
    if (min != null && max != null) {
      return num(min) + ".." + num(max);
    }
    return min != null ? "≥ " + num(min) : max != null ? "≤ " + num(max) : "any";
  }

  static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
  }
}
