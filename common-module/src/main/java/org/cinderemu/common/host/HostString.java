package org.cinderemu.common.host;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Cinder's host strings: {@code host}, {@code host@backend}, {@code host@backend#pool}
 * (docs/cinder-reference.md §1.1–§1.4, cinder/volume/volume_utils.py). Every routing decision starts here.
 */
public final class HostString {

  /** Pool name used when a host string carries none and a default is asked for. */
  public static final String DEFAULT_POOL_NAME = "_pool0";

  /** The three levels of {@code extract_host}. */
  public enum Level { HOST, BACKEND, POOL }

  // no blanks, no second '@' or '#': those strings would route to queues nobody consumes
  private static final Pattern VALID = Pattern.compile("[^@#\\s]+(@[^@#\\s]+)?(#[^@#\\s]+)?");

  private HostString() {
  }

  /** {@code extract_host(host)}: the backend level, everything before the first '#'. */
  public static String extract(String host) {
    return extract(host, Level.BACKEND, false);
  }

  public static String extract(String host, Level level) {
    return extract(host, level, false);
  }

  /**
   * {@code extract_host(host, level, default_pool_name)}.
   *
   * @throws InvalidHostException when {@code host} is null or empty ("volume is not assigned to a host")
   */
  public static String extract(String host, Level level, boolean defaultPoolName) {
    if (host == null || host.isEmpty()) {
      throw new InvalidHostException("Invalid volume: volume is not assigned to a host");
    }
    switch (level) {
      case HOST: {
        String backend = host.split("#", -1)[0];
        return backend.split("@", -1)[0];
      }
      case BACKEND:
        return host.split("#", -1)[0];
      case POOL: {
        String[] parts = host.split("#", -1);
        if (parts.length == 2) {
          return parts[1];
        }
        return defaultPoolName ? DEFAULT_POOL_NAME : null;
      }
      default:
        throw new IllegalArgumentException("unknown level " + level);
    }
  }

  /** {@code append_host(host, pool)}: unchanged when either side is empty. */
  public static String append(String host, String pool) {
    if (host == null || host.isEmpty() || pool == null || pool.isEmpty()) {
      return host;
    }
    return host + "#" + pool;
  }

  /** {@code hosts_are_equivalent}: the backend levels are equal. */
  public static boolean equivalent(String a, String b) {
    if ((a == null || a.isEmpty()) && (b == null || b.isEmpty())) {
      return Objects.equals(a, b);
    }
    if (a == null || a.isEmpty() || b == null || b.isEmpty()) {
      return false;
    }
    return extract(a).equals(extract(b));
  }

  /**
   * The DB filter of cinder/db/sqlalchemy/api.py {@code _filter_host}: a value with '#' matches
   * exactly; with '@' it matches itself or its pools; a bare host matches its backends and pools.
   */
  public static boolean matches(String filter, String candidate) {
    if (candidate == null || filter == null) {
      return false;
    }
    if (filter.contains("#")) {
      return candidate.equals(filter);
    }
    if (filter.contains("@")) {
      return candidate.equals(filter) || candidate.startsWith(filter + "#");
    }
    return candidate.equals(filter) || candidate.startsWith(filter + "@") || candidate.startsWith(filter + "#");
  }

  /** Rejects strings that cannot be a host, backend or pool key, with a message saying why. */
  public static String validate(String host) {
    if (host == null || host.isEmpty()) {
      throw new InvalidHostException("Invalid host: host string is empty");
    }
    if (!VALID.matcher(host).matches()) {
      throw new InvalidHostException("Invalid host: '" + host
          + "' is not of the form host[@backend][#pool] (one '@', one '#', no blanks)");
    }
    return host;
  }

  /** Thrown for null, empty or malformed host strings. */
  public static final class InvalidHostException extends IllegalArgumentException {
    public InvalidHostException(String message) {
      super(message);
    }
  }
}
