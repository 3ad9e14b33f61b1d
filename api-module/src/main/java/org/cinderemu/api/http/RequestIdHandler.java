package org.cinderemu.api.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.cinderemu.common.logging.LogContext;
import org.cinderemu.common.logging.LogContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * oslo.middleware's request_id plus eventlet's access log: every request gets {@code req-<uuid>}, echoed in
 * {@code x-openstack-request-id} on every response (errors and the noauth handshake included).
 */
public final class RequestIdHandler implements Handler<RoutingContext> {

  public static final String RESPONSE_HEADER = "x-openstack-request-id";

  private static final Logger LOG = LoggerFactory.getLogger("org.cinderemu.api.access");

  private final boolean useForwardedFor;

  public RequestIdHandler(boolean useForwardedFor) {
    this.useForwardedFor = useForwardedFor;
  }

  public static String newRequestId() {
    return "req-" + UUID.randomUUID();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = newRequestId();
    ctx.put(RequestData.REQUEST_ID, id);
    ctx.put(RequestData.STARTED, Instant.now());
    ctx.addHeadersEndHandler(v -> ctx.response().putHeader(RESPONSE_HEADER, id));
    // Vert.x serves each HTTP request on a duplicated context of its own: everything it chains logs this id
    LogContexts.set(LogContext.ofRequest(id));
    ctx.addEndHandler(ar -> logAccess(ctx));
    ctx.next();
  }

  private void logAccess(RoutingContext ctx) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    HttpServerRequest req = ctx.request();
    double seconds = Duration.between(RequestData.started(ctx), Instant.now()).toNanos() / 1e9;
    LOG.info("{} \"{} {} {}\" status: {} len: {} time: {}", RequestUrls.remoteAddress(ctx, useForwardedFor),
        req.method(), req.uri(), httpVersion(req), ctx.response().getStatusCode(),
        ctx.response().bytesWritten(), String.format("%.7f", seconds));
  }

  private static String httpVersion(HttpServerRequest req) {
    return switch (req.version()) {
      case HTTP_1_0 -> "HTTP/1.0";
      case HTTP_1_1 -> "HTTP/1.1";
      case HTTP_2 -> "HTTP/2";
    };
  }
}
