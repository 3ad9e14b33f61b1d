package org.cinderemu.api.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cinderemu.api.ApiConfig;

/**
 * The URLs Cinder derives from a request: webob's {@code host_url}/{@code url}, cinder's
 * {@code get_request_url} (honouring {@code X-Forwarded-Host}) and the {@code public_endpoint} rewrite of links.
 */
public final class RequestUrls {

  /** The v3 application is mounted here (api-paste.ini {@code /v3 = openstack_volume_api_v3}). */
  public static final String V3_PREFIX = "/v3";

  private static final Pattern VERSION_SEGMENT = Pattern.compile("^v([0-9]+|[0-9]+\\.[0-9]+)$");

  private RequestUrls() {
  }

  /**
   * {@code scheme://host[:port]} as webob's {@code host_url} (no default port), from the Host header only when
   * {@link LinkHosts} allows its name.
   */
  public static String hostUrl(HttpServerRequest req, ApiConfig config) {
    return LinkHosts.hostUrl(req, config);
  }

  /** webob's {@code req.url}: the full URL including the query string. */
  public static String requestUrl(HttpServerRequest req, ApiConfig config) {
    return hostUrl(req, config) + req.uri();
  }

  /**
   * The v3 application URL ({@code http://h:8776/v3}) as Cinder's views build links from: the last
   * {@code X-Forwarded-Host} wins when {@link LinkHosts} allows it, then {@code public_endpoint} replaces
   * scheme and host.
   */
  public static String applicationUrl(HttpServerRequest req, ApiConfig config) {
    String url = hostUrl(req, config) + V3_PREFIX;
    String forwarded = req.getHeader("X-Forwarded-Host");
    if (forwarded != null && !forwarded.isBlank()) {
      String[] hosts = forwarded.split(",\\s?");
      String last = hosts[hosts.length - 1].strip();
      HostAndPort named = HostAndPort.parseAuthority(last, -1);
      if (named != null && LinkHosts.allowed(named.host(), config)) {
        url = (req.scheme() != null ? req.scheme() : "http") + "://" + last + V3_PREFIX;
      }
    }
    return withPublicEndpoint(url, config.publicEndpoint());
  }

  /** Cinder's {@code _update_link_prefix}: scheme and host from the endpoint, its path prepended. */
  public static String withPublicEndpoint(String url, Optional<String> publicEndpoint) {
    if (publicEndpoint.isEmpty()) {
      return url;
    }
    URI orig = URI.create(url);
    URI prefix = URI.create(publicEndpoint.get());
    StringBuilder sb = new StringBuilder();
    sb.append(prefix.getScheme()).append("://").append(prefix.getRawAuthority());
    // unlike Cinder, a trailing '/' on the endpoint does not produce '//v3'
    sb.append(prefix.getRawPath() == null ? "" : stripTrailingSlashes(prefix.getRawPath()));
    sb.append(orig.getRawPath() == null ? "" : orig.getRawPath());
    if (orig.getRawQuery() != null) {
      sb.append('?').append(orig.getRawQuery());
    }
    return stripTrailingSlashes(sb.toString());
  }

  /** Cinder's {@code remove_version_from_href}: drops the first {@code vN} / {@code vN.M} path segment. */
  public static String removeVersion(String href) {
    URI u = URI.create(href);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    List<String> segments = new ArrayList<>(Arrays.asList(path.split("/", -1)));
    for (int i = 0; i < segments.size(); i++) {
      if (VERSION_SEGMENT.matcher(segments.get(i)).matches()) {
        segments.remove(i);
        break;
      }
    }
    String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
    String origin = u.getScheme() == null ? "" : u.getScheme() + "://" + u.getRawAuthority();
    return origin + String.join("/", segments) + query;
  }

  /** Python's {@code os.path.join} for URLs: one '/' between the parts. */
  public static String join(String first, String... more) {
    StringBuilder sb = new StringBuilder(first);
    for (String part : more) {
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  /** The caller's address, or the first-hop {@code X-Forwarded-For} when {@code use_forwarded_for}. */
  public static String remoteAddress(RoutingContext ctx, boolean useForwardedFor) {
    if (useForwardedFor) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded;
      }
    }
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null ? "127.0.0.1" : remote.hostAddress();
  }

  static String stripTrailingSlashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }
}
