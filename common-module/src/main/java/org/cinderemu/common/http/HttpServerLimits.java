package org.cinderemu.common.http;

import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

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

  public static final int DEFAULT_CLIENT_SOCKET_TIMEOUT_S = 900;
  public static final int DEFAULT_REQUEST_TIMEOUT_S = 300;
  public static final Opt<Integer> CLIENT_SOCKET_TIMEOUT =
      Opt.integer(CinderConf.DEFAULT, "client_socket_timeout", DEFAULT_CLIENT_SOCKET_TIMEOUT_S, 0, null);
  public static final Opt<Integer> REQUEST_TIMEOUT =
      Opt.integer(CinderConf.DEFAULT, "emulator_request_timeout", DEFAULT_REQUEST_TIMEOUT_S, 0, null);
  public static final HttpServerLimits DEFAULTS = new HttpServerLimits(
      Duration.ofSeconds(DEFAULT_CLIENT_SOCKET_TIMEOUT_S), Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_S));

  public HttpServerLimits {
    if (idleTimeout.isNegative() || requestTimeout.isNegative()) {
      throw new IllegalArgumentException("negative HTTP timeout: idle " + idleTimeout + ", request " + requestTimeout);
    }
  }

  public static HttpServerLimits from(CinderConf conf) {
    return new HttpServerLimits(Duration.ofSeconds(conf.get(CLIENT_SOCKET_TIMEOUT)),
        Duration.ofSeconds(conf.get(REQUEST_TIMEOUT)));
  }

  /** New server options carrying the idle timeout (Vert.x closes the idle connection itself). */
  public HttpServerOptions serverOptions() {
    // no h2c upgrade: Cinder's eventlet servers speak HTTP/1.1 only, and the JDK client's upgrade tripped on ours
    return new HttpServerOptions()
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(Math.toIntExact(idleTimeout.toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  public boolean hasRequestTimeout() {
    return !requestTimeout.isZero();
  }
}
