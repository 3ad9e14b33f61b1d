package org.cinderemu.api.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.cinderemu.api.microversion.ApiVersion;
import org.slf4j.MDC;

/**
 * Typed access to what the pipeline handlers leave in a {@link RoutingContext}: the request id and arrival
 * time ({@link RequestIdHandler}), the caller ({@link NoAuthHandler}), the microversion ({@link
 * MicroversionHandler}).
 */
public final class RequestData {

  /** SLF4J MDC key carrying the request id, so log lines can be correlated with responses and RPC. */
  public static final String MDC_REQUEST_ID = "request_id";

  static final String REQUEST_ID = "cinder.request_id";
  static final String STARTED = "cinder.started";
  static final String IDENTITY = "cinder.identity";
  static final String VERSION = "cinder.microversion";

  private RequestData() {
  }

  public static String requestId(RoutingContext ctx) {
    return ctx.get(REQUEST_ID);
  }

  public static Instant started(RoutingContext ctx) {
    Instant started = ctx.get(STARTED);
    return started != null ? started : Instant.now();
  }

  /** Null before (or without) noauth. */
  public static NoAuthIdentity identity(RoutingContext ctx) {
    return ctx.get(IDENTITY);
  }

  /** Null when the microversion was not negotiated on this route. */
  public static ApiVersion microversion(RoutingContext ctx) {
    return ctx.get(VERSION);
  }

  public static ApiContext apiContext(RoutingContext ctx, boolean useForwardedFor) {
    ApiVersion version = microversion(ctx);
    NoAuthIdentity identity = identity(ctx);
    if (identity == null) {
      return ApiContext.anonymous(requestId(ctx), RequestUrls.remoteAddress(ctx, useForwardedFor),
          version != null ? version : ApiVersion.MIN, started(ctx));
    }
    return ApiContext.noauthAdmin(identity, requestId(ctx), version != null ? version : ApiVersion.MIN,
        started(ctx));
  }

  /**
   * Runs {@code action} with the request id in the MDC. The MDC is thread-local and Vert.x continues requests
   * on callbacks, so every callback that logs re-enters through here.
   */
  public static void inMdc(RoutingContext ctx, Runnable action) {
    String previous = MDC.get(MDC_REQUEST_ID);
    String id = requestId(ctx);
    if (id != null) {
      MDC.put(MDC_REQUEST_ID, id);
    }
    try {
      action.run();
    } finally {
      if (previous != null) {
        MDC.put(MDC_REQUEST_ID, previous);
      } else {
        MDC.remove(MDC_REQUEST_ID);
      }
    }
  }
}
