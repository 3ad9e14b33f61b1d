package org.cinderemu.common.rpc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * oslo.messaging's {@code transport_url}: {@code rabbit://user:pass@host1:port1,user:pass@host2:port2/vhost}.
 * Services fail over between all its brokers ({@link RabbitSettings}); the launcher probes all of them.
 */
public record TransportUrl(String raw, List<Broker> brokers, String virtualHost) {

  public static final int DEFAULT_PORT = 5672;
  /** oslo.messaging's rabbit default when no transport_url is set. */
  public static final String DEFAULT = "rabbit://guest:guest@localhost:5672/";

  /** One broker of the URL, with its credentials (oslo's default guest/guest when none are given). */
  public record Broker(String host, int port, String user, String password) {
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public TransportUrl {
    brokers = List.copyOf(brokers);
  }

  public static TransportUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("transport_url is empty; expected rabbit://user:pass@host:port/vhost");
    }
    String s = url.strip();
    int scheme = s.indexOf("://");
    if (scheme <= 0 || !(s.startsWith("rabbit://") || s.startsWith("amqp://"))) {
      throw new IllegalArgumentException("transport_url '" + mask(s)
          + "' is not of the form rabbit://user:pass@host:port/vhost (only rabbit:// and amqp:// are supported)");
    }
    String rest = s.substring(scheme + 3);
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    int slash = rest.indexOf('/');
    String netloc = slash < 0 ? rest : rest.substring(0, slash);
    String vhost = slash < 0 ? "" : decode(rest.substring(slash + 1));
    List<Broker> brokers = new ArrayList<>();
    for (String entry : netloc.split(",")) {
      if (!entry.isBlank()) {
        brokers.add(broker(entry.strip(), s));
      }
    }
    if (brokers.isEmpty()) {
      brokers.add(new Broker("localhost", DEFAULT_PORT, "guest", "guest"));
    }
    // oslo: an empty path means the default vhost "/"
    return new TransportUrl(s, brokers, vhost.isEmpty() ? "/" : vhost);
  }

  private static Broker broker(String entry, String url) {
    String user = "guest";
    String password = "guest";
    int at = entry.lastIndexOf('@');
    String hostPart = entry.substring(at + 1);
    if (at >= 0) {
      String creds = entry.substring(0, at);
      int colon = creds.indexOf(':');
      user = decode(colon < 0 ? creds : creds.substring(0, colon));
      password = colon < 0 ? "" : decode(creds.substring(colon + 1));
    }
    String host = hostPart;
    String port = null;
    if (hostPart.startsWith("[")) {
      int close = hostPart.indexOf(']');
      host = hostPart.substring(1, close);
      port = hostPart.length() > close + 2 && hostPart.charAt(close + 1) == ':' ? hostPart.substring(close + 2) : null;
    } else if (hostPart.indexOf(':') >= 0) {
      host = hostPart.substring(0, hostPart.indexOf(':'));
      port = hostPart.substring(hostPart.indexOf(':') + 1);
    }
    if (host.isEmpty()) {
      host = "localhost";
    }
    try {
      return new Broker(host, port == null || port.isEmpty() ? DEFAULT_PORT : Integer.parseInt(port), user, password);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("transport_url '" + mask(url) + "' has a bad port: " + port);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public Broker first() {
    return brokers.get(0);
  }

  public String host() {
    return first().host();
  }

  public int port() {
    return first().port();
  }

  public String user() {
    return first().user();
  }

  public String password() {
    return first().password();
  }

  /** The URL with every password replaced, for logs and the endpoint listing. */
  public String masked() {
    return mask(raw);
  }

  /** Replaces the passwords of any {@code scheme://user:pass@host} URL (transport or database) with ***. */
  public static String mask(String url) {
    return url.replaceAll("(://|,)([^:@/,]+):[^@/,]*@", "$1$2:***@");
  }
}
