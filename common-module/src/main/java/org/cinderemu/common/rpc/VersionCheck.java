package org.cinderemu.common.rpc;

/**
 * oslo's version_is_compatible (docs/cinder-reference.md §3.7): same major, requested minor (and revision) not above
 * ours.
 */
public final class VersionCheck {

  private VersionCheck() {
  }

  public static boolean isCompatible(String serverVersion, String requested) {
    int[] have = parse(serverVersion);
    int[] want = parse(requested == null ? "1.0" : requested);
    if (have == null || want == null || have[0] != want[0]) {
      return false;
    }
    if (want[1] != have[1]) {
      return want[1] < have[1];
    }
    return want[2] <= have[2];
  }

  private static int[] parse(String v) {
    String[] parts = v.split("\\.");
    if (parts.length < 2 || parts.length > 3) {
      return null;
    }
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
          parts.length == 3 ? Integer.parseInt(parts[2]) : 0};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
