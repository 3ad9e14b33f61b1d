package org.cinderemu.deploy.chaos.proxy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.chaos.ChaosControl;
import org.cinderemu.common.chaos.FaultReplies;
import org.cinderemu.common.http.HttpServerLimits;

/**
 * The chaos proxy (docs/chaos.md "Broker faults"): TCP proxies with Toxiproxy's toxics and a control API shaped
 * like Toxiproxy's on loopback. One verticle, so every proxy, connection and request runs on one event loop and
 * the proxies need no locks; the traffic is a service's AMQP link, small.
 */
public final class ProxyServer extends VerticleBase {

  static final int CONNECT_TIMEOUT_MS = 5_000;

  private final String controlHost;
  private final int controlPort;
  private final List<ProxySpec> initial;
  private final Map<String, Proxy> proxies = new LinkedHashMap<>();
  private NetClient client;
  private HttpServer control;

  private ProxyServer(String controlHost, int controlPort, List<ProxySpec> initial) {
    this.controlHost = controlHost;
    this.controlPort = controlPort;
    this.initial = List.copyOf(initial);
  }

  /** Deploys a server with {@code proxies}, its control API on {@code controlHost:controlPort} (0: any port). */
  public static Future<ProxyServer> deploy(Vertx vertx, String controlHost, int controlPort, List<ProxySpec> proxies) {
    Endpoint.listen(controlHost + ":" + controlPort);  // loopback only
    ProxyServer server = new ProxyServer(controlHost, controlPort, proxies);
    return vertx.deployVerticle(server).map(id -> server);
  }

  @Override
  public Future<?> start() {
    client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS));
    Future<?> created = Future.succeededFuture();
    for (ProxySpec spec : initial) {
      created = created.compose(v -> create(spec));
    }
    return created.compose(v -> vertx.createHttpServer(HttpServerLimits.DEFAULTS.serverOptions()).requestHandler(router()).listen(controlPort, controlHost))
        .onSuccess(s -> control = s);
  }

  /** The control API's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String controlUrl() {
    return "http://" + Endpoint.parse(controlHost + ":" + control.actualPort());
  }

  private Future<Proxy> create(ProxySpec spec) {
    if (proxies.containsKey(spec.name())) {
      return Future.failedFuture(new IllegalStateException("proxy " + spec.name() + " already exists"));
    }
    Proxy p = new Proxy(vertx, client, spec.name(), spec.listen(), spec.upstream());
    proxies.put(spec.name(), p);
    return p.enable().onFailure(e -> proxies.remove(spec.name()));
  }

  private Router router() {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create(false).setBodyLimit(ChaosControl.BODY_LIMIT_BYTES));
    r.get("/proxies").handler(ctx -> FaultReplies.json(ctx, 200, listing()));
    r.post("/proxies").handler(ctx -> guarded(ctx, () -> {
      ProxySpec spec = ProxySpec.fromJson(FaultReplies.bodyObject(ctx));
      if (proxies.containsKey(spec.name())) {
        FaultReplies.conflict(ctx, "proxy " + spec.name() + " already exists");
        return;
      }
      create(spec).onSuccess(p -> FaultReplies.json(ctx, 201, p.toJson()))
          .onFailure(e -> FaultReplies.badRequest(ctx, "cannot listen on " + spec.listen() + ": " + e.getMessage()));
    }));
    r.post("/reset").handler(ctx -> Future.all(proxies.values().stream().map(Proxy::reset).toList())
        .onComplete(ar -> ctx.response().setStatusCode(ar.succeeded() ? 204 : 409).end()));
    r.get("/proxies/:proxy").handler(ctx -> withProxy(ctx, p -> FaultReplies.json(ctx, 200, p.toJson())));
    r.post("/proxies/:proxy").handler(ctx -> withProxy(ctx, p -> update(ctx, p)));
    r.delete("/proxies/:proxy").handler(ctx -> withProxy(ctx, p -> {
      proxies.remove(p.name());
      p.disable().onComplete(ar -> ctx.response().setStatusCode(204).end());
    }));
    r.post("/proxies/:proxy/partition").handler(ctx -> withProxy(ctx, p -> {
      JsonObject body = FaultReplies.bodyObject(ctx);
      p.partition(body.getBoolean("enabled", true), body.getBoolean("drop_connections", false));
      FaultReplies.json(ctx, 200, p.toJson());
    }));
    r.get("/proxies/:proxy/toxics").handler(ctx -> withProxy(ctx, p -> FaultReplies.json(ctx, 200,
        new JsonArray(p.toxics().stream().map(Toxic::toJson).toList()))));
    r.post("/proxies/:proxy/toxics").handler(ctx -> withProxy(ctx, p -> {
      Toxic toxic = Toxic.fromJson(FaultReplies.bodyObject(ctx));
      if (p.addToxic(toxic)) {
        FaultReplies.json(ctx, 200, toxic.toJson());
      } else {
        FaultReplies.conflict(ctx, "proxy " + p.name() + " has a toxic " + toxic.name() + " already");
      }
    }));
    r.get("/proxies/:proxy/toxics/:toxic").handler(ctx -> withProxy(ctx, p -> p.toxics().stream()
        .filter(t -> t.name().equals(ctx.pathParam("toxic"))).findFirst()
        .ifPresentOrElse(t -> FaultReplies.json(ctx, 200, t.toJson()), () -> noToxic(ctx, p))));
    r.delete("/proxies/:proxy/toxics/:toxic").handler(ctx -> withProxy(ctx, p -> {
      if (p.removeToxic(ctx.pathParam("toxic"))) {
        ctx.response().setStatusCode(204).end();
      } else {
        noToxic(ctx, p);
      }
    }));
    r.route().handler(ctx -> FaultReplies.notFound(ctx, "no such route: " + ctx.request().method() + " "
        + ctx.request().path()));
    return r;
  }

  /** {@code {"enabled": bool, "upstream": "host:port"}}, as Toxiproxy's update takes. */
  private void update(RoutingContext ctx, Proxy p) {
    JsonObject body = FaultReplies.bodyObject(ctx);
    if (body.containsKey("listen")) {
      FaultReplies.badRequest(ctx, "a proxy's listen address cannot change: delete it and create another");
      return;
    }
    if (body.containsKey("upstream")) {
      p.upstream(Endpoint.parse(body.getString("upstream")));
    }
    Future<?> done = !body.containsKey("enabled") ? Future.succeededFuture()
        : body.getBoolean("enabled") ? p.enable() : p.disable();
    done.onSuccess(v -> FaultReplies.json(ctx, 200, p.toJson()))
        .onFailure(e -> FaultReplies.conflict(ctx, "cannot enable proxy " + p.name() + ": " + e.getMessage()));
  }

  private JsonObject listing() {
    JsonObject all = new JsonObject();
    proxies.values().forEach(p -> all.put(p.name(), p.toJson()));
    return all;
  }

  private void withProxy(RoutingContext ctx, java.util.function.Consumer<Proxy> action) {
    Proxy p = proxies.get(ctx.pathParam("proxy"));
    if (p == null) {
      FaultReplies.notFound(ctx, "no proxy " + ctx.pathParam("proxy") + "; there are " + new ArrayList<>(proxies.keySet()));
      return;
    }
    guarded(ctx, () -> action.accept(p));
  }

  /** A bad body or value is the caller's error: 400 in Cinder's shape, nothing changed. */
  private static void guarded(RoutingContext ctx, Runnable action) {
    try {
      action.run();
    } catch (IllegalArgumentException | ClassCastException e) {
      FaultReplies.badRequest(ctx, e.getMessage());
    }
  }

  private static void noToxic(RoutingContext ctx, Proxy p) {
    FaultReplies.notFound(ctx, "proxy " + p.name() + " has no toxic " + ctx.pathParam("toxic"));
  }
}
