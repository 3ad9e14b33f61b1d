package org.cinderemu.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The broker addresses of an oslo.messaging {@code transport_url}:
 * {@code rabbit://user:pass@host1:port1,user:pass@host2:port2/vhost}. Only what the launcher needs: the hosts to
 * probe and a printable form without passwords.
 */
public record TransportUrl(String raw, List<HostPort> hosts, String virtualHost) {

  public static final int DEFAULT_PORT = 5672;
  /** oslo.messaging's rabbit default when no transport_url is set. */
  public static final String DEFAULT = "rabbit://guest:guest@localhost:5672/";

  public record HostPort(String host, int port) {
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public static TransportUrl parse(String url) {
    int scheme = url.indexOf("://");
    if (scheme <= 0) {
      throw new LaunchException("transport_url '" + mask(url) + "' is not of the form rabbit://user:pass@host:port/");
    }
    String rest = url.substring(scheme + 3);
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    int slash = rest.indexOf('/');
    String netloc = slash < 0 ? rest : rest.substring(0, slash);
    String vhost = slash < 0 ? "" : rest.substring(slash + 1);
    List<HostPort> hosts = new ArrayList<>();
    for (String entry : netloc.split(",")) {
      String hostPart = entry.substring(entry.lastIndexOf('@') + 1).strip();
      if (!hostPart.isEmpty()) {
        hosts.add(hostPort(hostPart, url));
      }
    }
    if (hosts.isEmpty()) {
      hosts.add(new HostPort("localhost", DEFAULT_PORT));
    }
    return new TransportUrl(url, List.copyOf(hosts), vhost.isEmpty() ? "/" : vhost);
  }

  private static HostPort hostPort(String s, String url) {
    String host = s;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      host = s.substring(1, close);
      port = s.length() > close + 2 && s.charAt(close + 1) == ':' ? s.substring(close + 2) : null;
    } else if (s.indexOf(':') >= 0) {
      host = s.substring(0, s.indexOf(':'));
      port = s.substring(s.indexOf(':') + 1);
    }
    try {
      return new HostPort(host, port == null || port.isEmpty() ? DEFAULT_PORT : Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new LaunchException("transport_url '" + mask(url) + "' has a bad port: " + port);
    }
  }

  /** The URL with every password replaced, for printing. */
  public String masked() {
    return mask(raw);
  }

  static String mask(String url) {
    return url.replaceAll("(://|,)([^:@/,]+):[^@/,]*@", "$1$2:***@");
  }
}
