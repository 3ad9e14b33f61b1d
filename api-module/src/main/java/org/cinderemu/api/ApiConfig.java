package org.cinderemu.api;

import java.util.Optional;
import java.util.regex.Pattern;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

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

  public static final Opt<String> OSAPI_VOLUME_LISTEN =
      Opt.string(CinderConf.DEFAULT, "osapi_volume_listen", DEFAULT_LISTEN);
  public static final Opt<Integer> OSAPI_VOLUME_LISTEN_PORT =
      Opt.integer(CinderConf.DEFAULT, "osapi_volume_listen_port", DEFAULT_PORT, 0, 65535);
  public static final Opt<Integer> OSAPI_MAX_LIMIT = Opt.integer(CinderConf.DEFAULT, "osapi_max_limit", DEFAULT_MAX_LIMIT);
  public static final Opt<String> PROJECT_ID_REGEX =
      Opt.string(CinderConf.DEFAULT, "project_id_regex", DEFAULT_PROJECT_ID_REGEX);
  public static final Opt<String> PUBLIC_ENDPOINT = Opt.string(CinderConf.DEFAULT, "public_endpoint", null);
  public static final Opt<Integer> MAX_REQUEST_BODY_SIZE =
      Opt.integer("oslo_middleware", "max_request_body_size", (int) DEFAULT_MAX_REQUEST_BODY_SIZE);
  public static final Opt<Boolean> USE_FORWARDED_FOR = Opt.bool(CinderConf.DEFAULT, "use_forwarded_for", false);

  public static ApiConfig from(CinderConf conf) {
    return new ApiConfig(
        conf.get(OSAPI_VOLUME_LISTEN),
        conf.get(OSAPI_VOLUME_LISTEN_PORT),
        conf.get(OSAPI_MAX_LIMIT),
        Pattern.compile(conf.get(PROJECT_ID_REGEX)),
        conf.find(PUBLIC_ENDPOINT).filter(s -> !s.isBlank()),
        conf.get(MAX_REQUEST_BODY_SIZE),
        conf.get(USE_FORWARDED_FOR));
  }
}
