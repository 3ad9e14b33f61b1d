package org.cinderemu.api.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.cinderemu.api.microversion.ApiVersion;

/**
 * Typed access to what the pipeline handlers leave in a {@link RoutingContext}: the request id and arrival
 * time ({@link RequestIdHandler}), the caller ({@link NoAuthHandler}), the microversion ({@link
 * MicroversionHandler}).
 */
public final class RequestData {

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
}
