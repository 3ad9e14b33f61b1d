package org.cinderemu.api.microversion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Block Storage API microversion such as {@code 3.70}. Ordered numerically (3.9 < 3.10), printed as
 * Cinder prints it in the {@code OpenStack-API-Version} response header.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

  /** Cinder Zed's supported range. */
  public static final ApiVersion MIN = new ApiVersion(3, 0);
  public static final ApiVersion MAX = new ApiVersion(3, 70);

  // Cinder's APIVersionRequest format: no leading zeros, minor may be 0
  private static final Pattern FORMAT = Pattern.compile("^([1-9]\\d*)\\.([1-9]\\d*|0)$");

  /**
   * Parses {@code "3.45"}.
   *
   * @throws IllegalArgumentException with Cinder's InvalidAPIVersionString message when malformed
   */
  public static ApiVersion parse(String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(invalidFormatMessage(text));
    }
    try {
      return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(invalidFormatMessage(text), e);
    }
  }

  static String invalidFormatMessage(String text) {
    return "API Version String " + text + " is of invalid format. Must be of format MajorNum.MinorNum.";
  }

  public boolean isAtLeast(ApiVersion other) {
    return compareTo(other) >= 0;
  }

  /** Handlers gate fields on this: {@code ctx.microversion().isAtLeast("3.45")}. */
  public boolean isAtLeast(String other) {
    return isAtLeast(parse(other));
  }

  public boolean isWithin(ApiVersion min, ApiVersion max) {
    return compareTo(min) >= 0 && compareTo(max) <= 0;
  }

  @Override
  public int compareTo(ApiVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
