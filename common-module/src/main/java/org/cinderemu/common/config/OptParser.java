package org.cinderemu.common.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cinderemu.common.config.CinderConf.ConfigException;

/**
 * oslo.config's type rules for one option value; every error names the section and option. Booleans are
 * oslo.config's {@code Boolean} type (not strutils: {@code t}/{@code y} are refused), integers Python's
 * {@code int()}, floats Python's {@code float()}, lists comma separated.
 */
final class OptParser {

  private static final List<String> TRUE = List.of("true", "1", "on", "yes");
  private static final List<String> FALSE = List.of("false", "0", "off", "no");
  // Python int() and float() of a string: optional sign, digits with single '_' separators
  private static final String DIGITS = "\\d(?:_?\\d)*";
  private static final Pattern PY_INT = Pattern.compile("[+-]?" + DIGITS);
  private static final Pattern PY_FLOAT = Pattern.compile(
      "[+-]?(?:" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?|\\." + DIGITS + ")(?:[eE][+-]?" + DIGITS + ")?");

  private OptParser() {
  }

  @SuppressWarnings("unchecked")
  static <T> T parse(Opt<T> opt, String section, String raw) {
    String v = raw.strip();
    Object value = switch (opt.type()) {
      case STRING -> string(opt, section, raw);
      case BOOLEAN -> bool(opt, section, v);
      case INTEGER -> integer(opt, section, v);
      case FLOAT -> floating(opt, section, v);
      case LIST -> list(v);
    };
    return (T) value;
  }

  private static String string(Opt<?> opt, String section, String v) {
    if (!opt.choices().isEmpty() && opt.choices().stream().noneMatch(c -> c.equalsIgnoreCase(v.strip()))) {
      throw error(opt, section, v, "must be one of " + String.join(", ", opt.choices()));
    }
    return v;
  }

  private static boolean bool(Opt<?> opt, String section, String v) {
    String lower = v.toLowerCase(Locale.ROOT);
    if (TRUE.contains(lower)) {
      return true;
    }
    if (FALSE.contains(lower)) {
      return false;
    }
    throw error(opt, section, v, "not a boolean (true/1/on/yes or false/0/off/no)");
  }

  private static int integer(Opt<?> opt, String section, String v) {
    if (!PY_INT.matcher(v).matches()) {
      throw error(opt, section, v, "not an integer");
    }
    BigInteger big = new BigInteger(v.replace("_", "").replace("+", ""));
    checkRange(opt, section, v, big.doubleValue());
    if (big.bitLength() > 31) {
      throw error(opt, section, v, "out of the range of an integer");
    }
    return big.intValue();
  }

  private static double floating(Opt<?> opt, String section, String v) {
    if (!PY_FLOAT.matcher(v).matches()) {
      throw error(opt, section, v, "not a number");
    }
    double d = Double.parseDouble(v.replace("_", ""));
    checkRange(opt, section, v, d);
    return d;
  }

  private static void checkRange(Opt<?> opt, String section, String v, double d) {
    // oslo.config's wording for IntOpt/FloatOpt bounds
    if (opt.min() != null && d < opt.min().doubleValue()) {
      throw error(opt, section, v, "should be greater than or equal to " + opt.min());
    }
    if (opt.max() != null && d > opt.max().doubleValue()) {
      throw error(opt, section, v, "should be less than or equal to " + opt.max());
    }
  }

  private static List<String> list(String v) {
    List<String> out = new ArrayList<>();
    for (String item : v.split(",")) {
      String s = item.strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  private static ConfigException error(Opt<?> opt, String section, String v, String why) {
    return new ConfigException("[" + section + "] " + opt.name() + " = " + v + ": " + why);
  }
}
