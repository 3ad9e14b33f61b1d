package org.cinderemu.common.rpc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * oslo.messaging's {@code transport_url}: {@code rabbit://user:pass@host:port/vhost}. Only the first of
 * several comma-separated hosts is used (we do not emulate oslo's host failover).
 */
public record TransportUrl(String host, int port, String user, String password, String virtualHost) {

  public static TransportUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("transport_url is empty; expected rabbit://user:pass@host:port/vhost");
    }
    String s = url.strip();
    if (!s.startsWith("rabbit://") && !s.startsWith("amqp://")) {
      throw new IllegalArgumentException("transport_url '" + url
          + "': only rabbit:// (or amqp://) is supported, as rabbit://user:pass@host:port/vhost");
    }
    String rest = s.substring(s.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    String firstHost = authority.split(",")[0];
    String user = "guest";
    String password = "guest";
    int at = firstHost.lastIndexOf('@');
    if (at >= 0) {
      String creds = firstHost.substring(0, at);
      firstHost = firstHost.substring(at + 1);
      int colon = creds.indexOf(':');
      user = decode(colon < 0 ? creds : creds.substring(0, colon));
      password = colon < 0 ? "" : decode(creds.substring(colon + 1));
    }
    URI hp = URI.create("amqp://" + firstHost);
    if (hp.getHost() == null) {
      throw new IllegalArgumentException("transport_url '" + url + "': no host");
    }
    int port = hp.getPort() < 0 ? 5672 : hp.getPort();
    // oslo: an empty path means the default vhost "/"
    String vhost = path.isEmpty() ? "/" : decode(path);
    return new TransportUrl(hp.getHost(), port, user, password, vhost);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URL without the password, for logs and the endpoint listing. */
  public String redacted() {
    return "rabbit://" + user + ":***@" + host + ":" + port + "/" + ("/".equals(virtualHost) ? "" : virtualHost);
  }
}
