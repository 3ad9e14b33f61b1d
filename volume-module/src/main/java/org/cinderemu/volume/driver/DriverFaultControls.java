package org.cinderemu.volume.driver;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.cinderemu.common.chaos.FaultReplies;
import org.cinderemu.common.chaos.FaultControls;

/**
 * The {@code driver} group of the admin endpoint (docs/chaos.md): {@code GET}, {@code PUT}, {@code DELETE
 * /chaos/driver[/{backend}]}, {@code backend} being a service host {@code host@backend} of this process; without
 * it, every backend of the process. One group per process, whatever the number of backends.
 */
public final class DriverFaultControls implements FaultControls {

  public static final DriverFaultControls INSTANCE = new DriverFaultControls(DriverFaults.current());
  public static final String NAME = "driver";
  /** A body may name its backend too (an experiment's action arguments do); both naming different ones is refused. */
  static final String BACKEND = "backend";

  private final DriverFaults faults;

  DriverFaultControls(DriverFaults faults) {
    this.faults = faults;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void mount(Router router, String base) {
    router.get(base).handler(ctx -> FaultReplies.json(ctx, 200, list()));
    router.put(base).handler(guarded(ctx -> {
      JsonObject body = FaultReplies.bodyObject(ctx);
      Object named = body.remove(BACKEND);
      DriverFault fault = DriverFault.fromJson(body);
      if (named instanceof String one && !one.isEmpty()) {
        if (!faults.has(one)) {
          unknown(ctx, one);
          return;
        }
        faults.set(one, fault);
        FaultReplies.json(ctx, 200, one(one));
        return;
      }
      faults.setAll(fault);
      FaultReplies.json(ctx, 200, list());
    }));
    router.delete(base).handler(ctx -> {
      faults.clearAll();
      FaultReplies.json(ctx, 200, list());
    });
    router.get(base + "/:backend").handler(known(ctx -> FaultReplies.json(ctx, 200, one(backend(ctx)))));
    router.put(base + "/:backend").handler(known(guarded(ctx -> {
      JsonObject body = FaultReplies.bodyObject(ctx);
      Object named = body.remove(BACKEND);
      if (named != null && !"".equals(named) && !backend(ctx).equals(named)) {
        throw new IllegalArgumentException("the body names backend " + named + ", the path " + backend(ctx));
      }
      faults.set(backend(ctx), DriverFault.fromJson(body));
      FaultReplies.json(ctx, 200, one(backend(ctx)));
    })));
    router.delete(base + "/:backend").handler(known(ctx -> {
      faults.clear(backend(ctx));
      FaultReplies.json(ctx, 200, one(backend(ctx)));
    }));
  }

  private static String backend(RoutingContext ctx) {
    return ctx.pathParam("backend");
  }

  /** {@code {"backends": {"host@backend": {fault}, ...}}}. */
  private JsonObject list() {
    JsonObject backends = new JsonObject();
    for (Map.Entry<String, DriverFault> e : faults.all().entrySet()) {
      backends.put(e.getKey(), e.getValue().toJson());
    }
    return new JsonObject().put("backends", backends);
  }

  private JsonObject one(String backend) {
    return new JsonObject().put("backend", backend).put("fault", faults.fault(backend).toJson());
  }

  private Handler<RoutingContext> known(Handler<RoutingContext> next) {
    return ctx -> {
      if (!faults.has(backend(ctx))) {
        unknown(ctx, backend(ctx));
        return;
      }
      next.handle(ctx);
    };
  }

  private void unknown(RoutingContext ctx, String backend) {
    FaultReplies.notFound(ctx, "no cinder-volume backend " + backend + " in this process; known: "
        + String.join(", ", faults.all().keySet()));
  }

  private static Handler<RoutingContext> guarded(Handler<RoutingContext> next) {
    return ctx -> {
      try {
        next.handle(ctx);
      } catch (IllegalArgumentException e) {
        FaultReplies.badRequest(ctx, e.getMessage());
      }
    };
  }
}
