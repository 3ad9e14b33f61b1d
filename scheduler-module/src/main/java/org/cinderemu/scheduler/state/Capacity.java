package org.cinderemu.scheduler.state;

import org.cinderemu.scheduler.PyValues;

/**
 * A reported capacity in GB: a number, or one of the words drivers use when they cannot tell
 * ({@code infinite}, {@code unknown}), which the filter and weigher treat specially (docs/cinder-reference.md §6.4,
 * §6.5).
 */
public record Capacity(Kind kind, double gb) {

  public enum Kind { FINITE, INFINITE, UNKNOWN }

  public static final Capacity INFINITE = new Capacity(Kind.INFINITE, 0);
  public static final Capacity UNKNOWN = new Capacity(Kind.UNKNOWN, 0);

  public static Capacity of(double gb) {
    return new Capacity(Kind.FINITE, gb);
  }

  /**
   * Reads a reported value; JSON null gives null (Cinder's "None": the capacity filter fails such a pool).
   * Any other word is taken as unknown rather than failing the whole report.
   */
  public static Capacity parse(Object value) {
    if (value == null) {
      return null;
    }
    if ("infinite".equals(value)) {
      return INFINITE;
    }
    if ("unknown".equals(value)) {
      return UNKNOWN;
    }
    return PyValues.toFloat(value).stream().mapToObj(Capacity::of).findFirst().orElse(UNKNOWN);
  }

  public boolean isFinite() {
    return kind == Kind.FINITE;
  }

  Capacity minus(double size) {
    return isFinite() ? of(gb - size) : this;
  }

  /** The value as a report would carry it. */
  public Object toJson() {
    switch (kind) {
      case INFINITE:
        return "infinite";
      case UNKNOWN:
        return "unknown";
      default:
        return gb;
    }
  }
}
