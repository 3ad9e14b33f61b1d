package org.cinderemu.api.http;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.cinderemu.api.ApiConfig;

/**
 * Which host names links (self, bookmark, next, versions, the noauth management URL) may be built from: a
 * loopback name, the configured listen address or the host of {@code public_endpoint}. Any other Host or
 * X-Forwarded-Host is the caller's word only, so links fall back to the configured address instead of pointing
 * a client (or a browser page that reads the answer) at a name the caller chose.
 */
public final class LinkHosts {

  private static final Set<String> WILDCARDS = Set.of("", "0.0.0.0", "::", "[::]");

  private LinkHosts() {
  }

  /** {@code scheme://host[:port]} for links: the request's Host when allowed, else the configured address. */
  public static String hostUrl(HttpServerRequest req, ApiConfig config) {
    String scheme = req.scheme() != null ? req.scheme() : "http";
    HostAndPort authority = req.authority();
    String hostPort = authority != null && allowed(authority.host(), config)
        ? withPort(authority.host(), authority.port(), scheme)
        : fallback(req, config, scheme);
    return scheme + "://" + hostPort;
  }

  /** Whether {@code host} (a name, an IPv4 literal or an IPv6 literal with or without brackets) may appear. */
  public static boolean allowed(String host, ApiConfig config) {
    String h = bare(host);
    if (h.equals("localhost") || isLoopbackLiteral(h)) {
      return true;
    }
    String listen = bare(config.listenHost());
    if (!WILDCARDS.contains(listen) && h.equals(listen)) {
      return true;
    }
    return config.publicEndpoint().map(LinkHosts::endpointHost).map(h::equals).orElse(false);
  }

  // the configured address; when listening on every interface, the one this connection came in on
  private static String fallback(HttpServerRequest req, ApiConfig config, String scheme) {
    SocketAddress local = req.localAddress();
    String listen = config.listenHost();
    String host = WILDCARDS.contains(bare(listen)) && local != null ? local.hostAddress() : listen;
    return withPort(host, local != null ? local.port() : config.listenPort(), scheme);
  }

  private static String withPort(String host, int port, String scheme) {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    boolean defaultPort = port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
    return defaultPort ? h : h + ":" + port;
  }

  private static String endpointHost(String endpoint) {
    try {
      String host = URI.create(endpoint).getHost();
      return host == null ? "" : bare(host);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static boolean isLoopbackLiteral(String h) {
    if (!NetUtil.isValidIpV4Address(h) && !NetUtil.isValidIpV6Address(h)) {
      return false;
    }
    InetAddress address = NetUtil.createInetAddressFromIpAddressString(h);
    return address != null && address.isLoopbackAddress();
  }

  private static String bare(String host) {
    String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }
}
