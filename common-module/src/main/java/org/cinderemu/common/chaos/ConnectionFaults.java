package org.cinderemu.common.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Predicate;
import org.cinderemu.common.rpc.BrokerConnections;

/**
 * The {@code connection} group (docs/chaos.md "Broker faults"): {@code GET /chaos/connection} lists this process's
 * AMQP connections by name (what {@code rabbitmqctl list_connections} shows as connection_name), and
 * {@code POST /chaos/connection/close} drops them as a broker-side close would, so the client's automatic
 * recovery reconnects ({@code cinder_emulator_rpc_reconnects_total} counts it). A body
 * {@code {"service": "cinder-volume"}} picks one binary's connections in a process hosting several.
 */
public final class ConnectionFaults implements FaultControls {

  public static final String NAME = "connection";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void mount(Router router, String base) {
    router.get(base).handler(ctx -> FaultReplies.json(ctx, 200, listing(BrokerConnections.names())));
    router.post(base + "/close").handler(this::close);
  }

  private void close(RoutingContext ctx) {
    String service;
    try {
      service = FaultReplies.bodyObject(ctx).getString("service");
    } catch (IllegalArgumentException | ClassCastException e) {
      FaultReplies.badRequest(ctx, e.getMessage());
      return;
    }
    Predicate<String> which = service == null ? n -> true : n -> BrokerConnections.binaryOf(n).equals(service);
    // closing a socket may block: a worker thread, not the admin endpoint's event loop
    ctx.vertx().executeBlocking(() -> BrokerConnections.drop(which)).onComplete(ar -> {
      if (ar.failed()) {
        FaultReplies.conflict(ctx, "cannot drop the AMQP connection: " + ar.cause().getMessage());
      } else if (ar.result().isEmpty()) {
        FaultReplies.notFound(ctx, "no open AMQP connection" + (service == null ? "" : " of " + service)
            + " in this process");
      } else {
        FaultReplies.json(ctx, 200, new JsonObject().put("closed", new JsonArray(List.copyOf(ar.result()))));
      }
    });
  }

  private static JsonObject listing(List<String> names) {
    JsonArray connections = new JsonArray();
    names.forEach(n -> connections.add(new JsonObject().put("name", n).put("service", BrokerConnections.binaryOf(n))));
    return new JsonObject().put("connections", connections);
  }
}
