package org.cinderemu.api;

import java.util.Optional;
import java.util.regex.Pattern;
import org.cinderemu.common.config.CinderConf;

/**
 * The cinder.conf options cinder-api reads, with Cinder's names; defaults are Cinder's except the listen
 * address, which is loopback so a local emulator is not exposed by accident.
 *
 * @param publicEndpoint {@code [DEFAULT] public_endpoint}: replaces scheme/host of links when set
 * @param maxRequestBodySize {@code [oslo_middleware] max_request_body_size} in bytes
 */
public record ApiConfig(
    String listenHost,
    int listenPort,
    int maxLimit,
    Pattern projectIdPattern,
    Optional<String> publicEndpoint,
    long maxRequestBodySize,
    boolean useForwardedFor) {

  public static final String DEFAULT_LISTEN = "127.0.0.1";
  public static final int DEFAULT_PORT = 8776;
  public static final int DEFAULT_MAX_LIMIT = 1000;
  public static final String DEFAULT_PROJECT_ID_REGEX = "[0-9a-f\\-]+";
  public static final long DEFAULT_MAX_REQUEST_BODY_SIZE = 114688;

  public static ApiConfig from(CinderConf conf) {
    String d = CinderConf.DEFAULT;
    return new ApiConfig(
        conf.get(d, "osapi_volume_listen", DEFAULT_LISTEN),
        conf.getInt(d, "osapi_volume_listen_port", DEFAULT_PORT),
        conf.getInt(d, "osapi_max_limit", DEFAULT_MAX_LIMIT),
        Pattern.compile(conf.get(d, "project_id_regex", DEFAULT_PROJECT_ID_REGEX)),
        conf.get(d, "public_endpoint").filter(s -> !s.isBlank()),
        conf.getInt("oslo_middleware", "max_request_body_size", (int) DEFAULT_MAX_REQUEST_BODY_SIZE),
        conf.getBool(d, "use_forwarded_for", false));
  }
}
