package org.cinderemu.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.api.handlers.VersionsHandler;
import org.cinderemu.api.http.ApiHandlerAdapter;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.FaultHandler;
import org.cinderemu.api.http.FrontDoor;
import org.cinderemu.api.http.MicroversionHandler;
import org.cinderemu.api.http.NoAuthHandler;
import org.cinderemu.api.http.RequestIdHandler;
import org.cinderemu.api.http.RequestUrls;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.common.http.HttpServerLimits;
import org.cinderemu.common.http.UnreadBody;

/**
 * Assembles cinder-api's router in api-paste.ini order: request id, request timeout and body size limit for
 * everything; {@code /} → versions (no auth); {@code /v3} → noauth → microversion → v3 resources; one fault
 * handler; in front of it all, the {@link FrontDoor} refuses what the router could not answer.
 */
public final class ApiRouterBuilder {

  // what oslo.middleware's webob response sets (charset='UTF-8')
  private static final String HEALTHCHECK_TYPE = "text/plain; charset=UTF-8";

  private final Vertx vertx;
  private final ApiConfig config;
  private final List<ResourceRoutes> resources = new ArrayList<>();
  private HttpServerLimits limits = HttpServerLimits.DEFAULTS;

  public ApiRouterBuilder(Vertx vertx, ApiConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** The request timeout (and the server's other bounds); {@link HttpServerLimits#DEFAULTS} otherwise. */
  public ApiRouterBuilder limits(HttpServerLimits serverLimits) {
    this.limits = serverLimits;
    return this;
  }

  public ApiRouterBuilder resource(ResourceRoutes routes) {
    resources.add(routes);
    return this;
  }

  public ApiRouterBuilder resources(List<? extends ResourceRoutes> routes) {
    resources.addAll(routes);
    return this;
  }

  public Handler<HttpServerRequest> build() {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIdHandler(config.useForwardedFor()));
    // a body nobody will read (413, timeout) is discarded, then its connection cut; never buffered
    router.route().handler(ctx -> {
      ctx.addEndHandler(UnreadBody.afterResponse(vertx, ctx.request()));
      ctx.next();
    });
    if (limits.hasRequestTimeout()) {
      // before the body handler, so a body that never ends is timed too; answered 503 by the fault handler
      router.route().handler(TimeoutHandler.create(limits.requestTimeout().toMillis(), 503));
    }
    router.route().handler(BodyHandler.create(false)
        .setBodyLimit(config.maxRequestBodySize())
        .setMergeFormAttributes(false));
    MicroversionHandler microversions = new MicroversionHandler();

    router.get("/").handler(microversions).handler(new ApiHandlerAdapter(VersionsHandler.root(), config));
    // oslo.middleware's healthcheck app (paste /healthcheck), as webob answers: GET 200 "OK", HEAD 204
    router.get("/healthcheck").handler(ctx -> ctx.response().putHeader("Content-Type", HEALTHCHECK_TYPE)
        .end("OK"));
    router.head("/healthcheck").handler(ctx -> ctx.response().putHeader("Content-Type", HEALTHCHECK_TYPE)
        .setStatusCode(204).end());

    router.route(RequestUrls.V3_PREFIX + "/*")
        .handler(new NoAuthHandler(config))
        .handler(microversions);
    router.get(RequestUrls.V3_PREFIX).handler(new ApiHandlerAdapter(VersionsHandler.v3(), config));
    router.get(RequestUrls.V3_PREFIX + "/").handler(new ApiHandlerAdapter(VersionsHandler.v3(), config));

    ApiRoutes v3 = new ApiRoutes(router, config);
    resources.forEach(r -> r.register(v3));

    FaultHandler faults = new FaultHandler(config.maxRequestBodySize());
    router.route().failureHandler(faults);
    // failures the router raises itself (no route, wrong method) bypass route failure handlers
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, faults);
    }
    return new FrontDoor(router);
  }
}
