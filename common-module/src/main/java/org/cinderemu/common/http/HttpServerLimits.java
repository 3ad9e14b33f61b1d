package org.cinderemu.common.http;

import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;

/**
 * The time bounds every HTTP server of the emulator applies (cinder-api, the volume data endpoint, the admin
 * endpoints to come), read from cinder.conf once so that they agree. Zero disables a bound, as in oslo.
 *
 * @param idleTimeout {@code [DEFAULT] client_socket_timeout} (oslo.service's wsgi option, 900 s): a connection
 *     on which nothing was read or written for this long is closed
 * @param requestTimeout {@code [DEFAULT] emulator_request_timeout} (300 s, above {@code rpc_response_timeout}
 *     so that an RPC timeout is answered first): a request still unanswered after it gets a 503 (Cinder's
 *     fault body on the API); a body still arriving then is cut off, see {@link UnreadBody}
 */
public record HttpServerLimits(Duration idleTimeout, Duration requestTimeout) {

  public static final String CLIENT_SOCKET_TIMEOUT = "client_socket_timeout";
  public static final String REQUEST_TIMEOUT = "emulator_request_timeout";
  public static final int DEFAULT_CLIENT_SOCKET_TIMEOUT_S = 900;
  public static final int DEFAULT_REQUEST_TIMEOUT_S = 300;
  public static final HttpServerLimits DEFAULTS = new HttpServerLimits(
      Duration.ofSeconds(DEFAULT_CLIENT_SOCKET_TIMEOUT_S), Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_S));

  public HttpServerLimits {
    if (idleTimeout.isNegative() || requestTimeout.isNegative()) {
      throw new IllegalArgumentException("negative HTTP timeout: idle " + idleTimeout + ", request " + requestTimeout);
    }
  }

  public static HttpServerLimits from(CinderConf conf) {
    return new HttpServerLimits(seconds(conf, CLIENT_SOCKET_TIMEOUT, DEFAULT_CLIENT_SOCKET_TIMEOUT_S),
        seconds(conf, REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT_S));
  }

  private static Duration seconds(CinderConf conf, String option, int dflt) {
    int value = conf.getInt(CinderConf.DEFAULT, option, dflt);
    if (value < 0) {
      throw new CinderConf.ConfigException("[DEFAULT] " + option + " must be >= 0 (0 = no limit), got " + value);
    }
    return Duration.ofSeconds(value);
  }

  /** New server options carrying the idle timeout (Vert.x closes the idle connection itself). */
  public HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setIdleTimeout(Math.toIntExact(idleTimeout.toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  public boolean hasRequestTimeout() {
    return !requestTimeout.isZero();
  }
}
