package org.cinderemu.deploy.topology;

import java.util.regex.Pattern;

/**
 * The names a topology may give hosts, backends and pools: they end up in host strings ({@code host@backend#pool}),
 * queue names, option names ({@code emulator_pool_<pool>_total_capacity_gb}) and file names of the state directory.
 */
final class Names {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private Names() {
  }

  static String require(String what, String name) {
    if (name == null || !SAFE.matcher(name).matches()) {
      throw new TopologyException(what + " name '" + name + "' must be letters, digits, '.', '_' or '-' "
          + "(starting with a letter or digit)");
    }
    return name;
  }
}
