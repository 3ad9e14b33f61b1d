package org.cinderemu.common.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;
import org.cinderemu.common.chaos.ChaosControl;
import org.cinderemu.common.chaos.FaultControls;
import org.cinderemu.common.http.HttpServerLimits;
import org.cinderemu.common.http.UnreadBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service process's admin endpoint: {@code GET /metrics} (Prometheus text format 0.0.4) and
 * {@code GET /healthcheck}, and the fault controls of {@link ChaosControl} under {@code /chaos/} (docs/chaos.md).
 * Only those take a request body, bounded; it applies the same time bounds as the API.
 */
public final class AdminServer {

  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  /** Prometheus's own text format; scrapers negotiate it with this Accept value. */
  public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  /** How long the series computed at scrape time may take before the scrape answers with the previous values. */
  static final Duration REFRESH_BOUND = Duration.ofSeconds(5);
  /** Where the fault controls live. */
  public static final String CHAOS = "/chaos/";

  private final HttpServer server;
  private final String host;

  private AdminServer(HttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  public static Future<AdminServer> start(Vertx vertx, AdminOptions options, HttpServerLimits limits,
      ProcessMetrics metrics) {
    Router router = Router.router(vertx);
    if (limits.hasRequestTimeout()) {
      router.route().handler(TimeoutHandler.create(limits.requestTimeout().toMillis(), 503));
    }
    router.get("/healthcheck").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("OK"));
    router.get("/metrics").handler(ctx -> scrape(vertx, metrics, ctx));
    router.route(CHAOS + "*").handler(BodyHandler.create(false).setBodyLimit(ChaosControl.BODY_LIMIT_BYTES));
    for (FaultControls group : ChaosControl.current().groups()) {
      group.mount(router, CHAOS + group.name());
    }
    router.route().handler(ctx -> ctx.response().setStatusCode(404).end());
    // outside /chaos/ no route reads a body: one that comes is refused at once and drained as the API drains its
    // refused ones
    return vertx.createHttpServer(limits.serverOptions())
        .requestHandler(req -> {
          if (UnreadBody.declaresBody(req) && !req.path().startsWith(CHAOS)) {
            req.response().setStatusCode(413).end().onComplete(UnreadBody.afterResponse(vertx, req));
            return;
          }
          router.handle(req);
        })
        .listen(options.port(), options.listenHost())
        .map(s -> new AdminServer(s, options.listenHost()));
  }

  private static void scrape(Vertx vertx, ProcessMetrics metrics, RoutingContext ctx) {
    metrics.refresh(vertx, REFRESH_BOUND).onComplete(ar -> {
      if (ctx.response().ended()) {
        return;
      }
      ctx.response().putHeader("Content-Type", TEXT_FORMAT).end(metrics.scrape());
    });
  }

  public int port() {
    return server.actualPort();
  }

  /** The base URL clients (the launcher, Prometheus) use, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      h = "127.0.0.1";
    }
    return "http://" + h + ":" + port();
  }

  public Future<Void> close() {
    LOG.debug("admin endpoint {} closing", url());
    return server.close();
  }
}
