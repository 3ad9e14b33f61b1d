package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.cinderemu.common.chaos.FaultReplies;
import org.cinderemu.common.chaos.FaultControls;

/**
 * The {@code db} group of the admin endpoint (docs/chaos.md): {@code POST /chaos/db/stall {"seconds": N, "table":
 * T}}, {@code POST /chaos/db/disconnect {"seconds": N}}, {@code GET /chaos/db} (what is active) and
 * {@code DELETE /chaos/db} (end it all now).
 */
public final class DatabaseFaultControls implements FaultControls {

  public static final DatabaseFaultControls INSTANCE = new DatabaseFaultControls(DatabaseFaults.current());
  public static final String NAME = "db";

  private final DatabaseFaults faults;

  DatabaseFaultControls(DatabaseFaults faults) {
    this.faults = faults;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void mount(Router router, String base) {
    router.get(base).handler(ctx -> FaultReplies.json(ctx, 200, faults.status()));
    router.delete(base).handler(ctx -> {
      faults.clear();
      FaultReplies.json(ctx, 200, faults.status());
    });
    router.post(base + "/stall").handler(ctx -> answer(ctx, Set.of("seconds", "table"), body -> {
      Object table = body.getValue("table");
      if (!(table instanceof String t)) {
        throw new IllegalArgumentException("table is required: one of " + String.join(", ",
            DatabaseFaults.STALL_TABLES.stream().sorted().toList()));
      }
      return faults.stall(t, seconds(body)).mapEmpty();
    }));
    router.post(base + "/disconnect").handler(ctx -> answer(ctx, Set.of("seconds"),
        body -> faults.disconnect(ctx.vertx(), seconds(body))));
  }

  /** Checks the body's fields, starts the fault, then answers with what is active (or the fault's bad input). */
  private void answer(RoutingContext ctx, Set<String> fields, Function<JsonObject, Future<Void>> start) {
    Future<Void> started;
    try {
      JsonObject body = FaultReplies.bodyObject(ctx);
      for (String key : body.fieldNames()) {
        if (!fields.contains(key)) {
          throw new IllegalArgumentException("unknown field '" + key + "'; known: " + String.join(", ", fields.stream().sorted()
              .toList()));
        }
      }
      started = start.apply(body);
    } catch (IllegalArgumentException e) {
      FaultReplies.badRequest(ctx, e.getMessage());
      return;
    }
    started.onComplete(ar -> {
      if (ar.failed()) {
        FaultReplies.serverError(ctx, "the fault could not start: " + ar.cause().getMessage());
      } else {
        FaultReplies.json(ctx, 200, faults.status());
      }
    });
  }

  private static Duration seconds(JsonObject body) {
    Object v = body.getValue("seconds");
    if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
      throw new IllegalArgumentException("seconds is required: a number more than 0 and at most "
          + DatabaseFaults.MAX_DURATION.toSeconds());
    }
    return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
  }
}
