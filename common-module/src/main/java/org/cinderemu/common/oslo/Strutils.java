package org.cinderemu.common.oslo;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * oslo_utils' {@code strutils.bool_from_string}, for the places that parse booleans outside cinder.conf (API
 * query parameters and bodies, capability values, extra specs). cinder.conf itself uses oslo.config's stricter
 * Boolean type ({@code org.cinderemu.common.config.OptParser}).
 */
public final class Strutils {

  public static final List<String> TRUE_STRINGS = List.of("1", "t", "true", "on", "y", "yes");
  public static final List<String> FALSE_STRINGS = List.of("0", "f", "false", "off", "n", "no");

  private Strutils() {
  }

  /** Non-strict, default false: what Cinder calls as plain {@code bool_from_string(v)}. */
  public static boolean boolFromString(Object subject) {
    return boolFromString(subject, false, false);
  }

  /**
   * A Boolean is itself; anything else is compared as its string, stripped and lower-cased.
   *
   * @param strict unrecognised values throw instead of giving {@code dflt}
   * @throws IllegalArgumentException with oslo's message when {@code strict} and the value is no boolean
   */
  public static boolean boolFromString(Object subject, boolean strict, boolean dflt) {
    if (subject instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(subject);
    String lowered = s.strip().toLowerCase(Locale.ROOT);
    if (TRUE_STRINGS.contains(lowered)) {
      return true;
    }
    if (FALSE_STRINGS.contains(lowered)) {
      return false;
    }
    if (strict) {
      TreeSet<String> acceptable = new TreeSet<>(TRUE_STRINGS);
      acceptable.addAll(FALSE_STRINGS);
      throw new IllegalArgumentException("Unrecognized value '" + s + "', acceptable values are: '"
          + String.join("', '", acceptable) + "'");
    }
    return dflt;
  }

  /** Whether the strict form would accept {@code subject}. */
  public static boolean isBoolString(Object subject) {
    if (subject instanceof Boolean) {
      return true;
    }
    String lowered = String.valueOf(subject).strip().toLowerCase(Locale.ROOT);
    return TRUE_STRINGS.contains(lowered) || FALSE_STRINGS.contains(lowered);
  }
}
