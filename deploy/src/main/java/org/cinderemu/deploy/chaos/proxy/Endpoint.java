package org.cinderemu.deploy.chaos.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A {@code host:port} of the proxy: where it listens (loopback only) or where it connects. */
public record Endpoint(String host, int port) {

  public Endpoint {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range");
    }
  }

  public static Endpoint parse(String hostPort) {
    int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("give host:port, not '" + hostPort + "'");
    }
    String host = hostPort.substring(0, colon).replaceAll("^\\[|]$", "");
    try {
      return new Endpoint(host, Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in '" + hostPort + "'");
    }
  }

  /** A listen address: only loopback, as every listener of the emulator by default. */
  public static Endpoint listen(String hostPort) {
    Endpoint e = parse(hostPort);
    try {
      if (!InetAddress.getByName(e.host()).isLoopbackAddress()) {
        throw new IllegalArgumentException("a proxy listens on loopback only, not " + e.host());
      }
    } catch (UnknownHostException unknown) {
      throw new IllegalArgumentException("unknown host " + e.host());
    }
    return e;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
