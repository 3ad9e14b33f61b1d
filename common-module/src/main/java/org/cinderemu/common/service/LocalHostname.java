package org.cinderemu.common.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * Cinder's default for {@code host}: the machine's hostname, looked up once per JVM and only when asked (a name
 * lookup can block for seconds, so it must never happen on an event loop, and never when {@code host} is set).
 */
public final class LocalHostname implements Supplier<String> {

  /** The machine's hostname through {@link InetAddress#getLocalHost()}, {@code localhost} when it cannot resolve. */
  public static final LocalHostname MACHINE = new LocalHostname(LocalHostname::lookUp);

  private final Supplier<String> lookup;
  private volatile String resolved;

  public LocalHostname(Supplier<String> lookup) {
    this.lookup = lookup;
  }

  /** The name, looked up on the first call (in the caller's thread) and remembered. */
  @Override
  public String get() {
    String name = resolved;
    if (name == null) {
      synchronized (this) {
        if (resolved == null) {
          resolved = lookup.get();
        }
        name = resolved;
      }
    }
    return name;
  }

  private static String lookUp() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
