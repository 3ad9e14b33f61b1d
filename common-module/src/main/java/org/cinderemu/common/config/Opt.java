package org.cinderemu.common.config;

import java.util.List;
import java.util.Objects;

/**
 * One cinder.conf option, declared once as a {@code static final} constant of an options class and read only
 * through {@link CinderConf#get(Opt)} and friends, so that a bad value's error names it and
 * docs/configuration.md can be checked against the declarations (ConfigurationDocTest).
 *
 * @param group   the INI section; {@link #BACKEND} for a per-backend option ({@code [<backend>]}, then
 *                {@code [backend_defaults]})
 * @param name    the option name; may hold one {@code <placeholder>} filled in by {@link #named(String)}
 * @param type    how the value is parsed
 * @param defaultValue the value when unset; null when the option has none (or a derived one)
 * @param min     lower bound of a number, inclusive, or null
 * @param max     upper bound of a number, inclusive, or null
 * @param choices the accepted values of a string option (compared ignoring case), empty for any
 */
public record Opt<T>(String group, String name, OptType type, T defaultValue, Number min, Number max,
    List<String> choices) {

  /** The group of options read from a backend's own section, then from {@code [backend_defaults]}. */
  public static final String BACKEND = "<backend>";

  public Opt {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    choices = List.copyOf(choices);
  }

  public static Opt<String> string(String group, String name, String dflt) {
    return new Opt<>(group, name, OptType.STRING, dflt, null, null, List.of());
  }

  /** A string option that accepts only {@code choices} (oslo's StrOpt choices, here ignoring case). */
  public static Opt<String> choice(String group, String name, String dflt, String... choices) {
    return new Opt<>(group, name, OptType.STRING, dflt, null, null, List.of(choices));
  }

  public static Opt<Boolean> bool(String group, String name, Boolean dflt) {
    return new Opt<>(group, name, OptType.BOOLEAN, dflt, null, null, List.of());
  }

  public static Opt<Integer> integer(String group, String name, Integer dflt) {
    return new Opt<>(group, name, OptType.INTEGER, dflt, null, null, List.of());
  }

  /** An integer option with oslo's inclusive bounds; either may be null. */
  public static Opt<Integer> integer(String group, String name, Integer dflt, Integer min, Integer max) {
    return new Opt<>(group, name, OptType.INTEGER, dflt, min, max, List.of());
  }

  public static Opt<Double> floating(String group, String name, Double dflt) {
    return new Opt<>(group, name, OptType.FLOAT, dflt, null, null, List.of());
  }

  /** A float option with inclusive bounds; either may be null. */
  public static Opt<Double> floating(String group, String name, Double dflt, Double min, Double max) {
    return new Opt<>(group, name, OptType.FLOAT, dflt, min, max, List.of());
  }

  public static Opt<List<String>> list(String group, String name, List<String> dflt) {
    return new Opt<>(group, name, OptType.LIST, dflt == null ? null : List.copyOf(dflt), null, null, List.of());
  }

  public boolean perBackend() {
    return BACKEND.equals(group);
  }

  /** The option with its {@code <placeholder>} replaced, e.g. {@code emulator_pool_<pool>_total_capacity_gb}. */
  public Opt<T> named(String value) {
    int open = name.indexOf('<');
    int close = name.indexOf('>', open + 1);
    if (open < 0 || close < 0) {
      throw new IllegalStateException(name + " has no <placeholder>");
    }
    return new Opt<>(group, name.substring(0, open) + value + name.substring(close + 1), type, defaultValue, min,
        max, choices);
  }

  /** The same option read from another section (the scheduler's {@code [backend_defaults]} fallback). */
  public Opt<T> inGroup(String otherGroup) {
    return new Opt<>(otherGroup, name, type, defaultValue, min, max, choices);
  }

  /** {@code [group] name}, as errors and the docs show it. */
  public String key() {
    return "[" + group + "] " + name;
  }

  /** The type cell of docs/configuration.md: the type word plus bounds or choices. */
  public String docType() {
    StringBuilder sb = new StringBuilder(type.docName());
    if (min != null && max != null) {
      sb.append(", ").append(min).append(" to ").append(max);
    } else if (min != null) {
      sb.append(", at least ").append(min);
    } else if (max != null) {
      sb.append(", at most ").append(max);
    }
    if (!choices.isEmpty()) {
      sb.append(": ").append(String.join(", ", choices));
    }
    return sb.toString();
  }

  /** The default cell of docs/configuration.md: the value as cinder.conf would spell it, or {@code none}. */
  public String docDefault() {
    if (defaultValue == null) {
      return "none";
    }
    if (defaultValue instanceof List<?> l) {
      return l.isEmpty() ? "(empty)" : String.join(",", l.stream().map(String::valueOf).toList());
    }
    String s = String.valueOf(defaultValue);
    return s.isEmpty() ? "(empty)" : s;
  }
}
