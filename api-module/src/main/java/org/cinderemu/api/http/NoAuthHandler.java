package org.cinderemu.api.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.cinderemu.api.ApiConfig;
import org.cinderemu.common.logging.LogContext;
import org.cinderemu.common.logging.LogContexts;

/**
 * {@code auth_strategy = noauth} (cinder/api/middleware/auth.py NoAuthMiddleware): without
 * {@code X-Auth-Token} the request is answered with the 1.1-style auth handshake (204 + token + management
 * URL); with one, {@code user:project} becomes the caller and the request continues.
 */
public final class NoAuthHandler implements Handler<RoutingContext> {

  public static final String TOKEN_HEADER = "X-Auth-Token";

  private final ApiConfig config;

  public NoAuthHandler(ApiConfig config) {
    this.config = config;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String token = req.getHeader(TOKEN_HEADER);
    if (token == null) {
      handshake(ctx);
      return;
    }
    NoAuthIdentity identity = NoAuthIdentity.fromToken(token, RequestUrls.remoteAddress(ctx,
        config.useForwardedFor()));
    ctx.put(RequestData.IDENTITY, identity);
    LogContexts.set(LogContext.ofRequest(RequestData.requestId(ctx)).withCaller(identity.userId(),
        identity.projectId()));
    ctx.next();
  }

  private void handshake(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String user = headerOr(req, "X-Auth-User", "admin");
    String project = headerOr(req, "X-Auth-Project-Id", "admin");
    // Cinder joins the project onto the request URL (project_id_in_path), query string and all
    String managementUrl = RequestUrls.join(RequestUrls.stripTrailingSlashes(RequestUrls.requestUrl(req, config)),
        project);
    ctx.response()
        .setStatusCode(204)
        .putHeader(TOKEN_HEADER, user + ":" + project)
        .putHeader("X-Server-Management-Url", managementUrl)
        .putHeader("Content-Type", "text/plain; charset=UTF-8")
        .end();
  }

  private static String headerOr(HttpServerRequest req, String name, String dflt) {
    String v = req.getHeader(name);
    return v != null ? v : dflt;
  }
}
