package org.cinderemu.deploy.trace;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import org.cinderemu.common.trace.Hop;
import org.cinderemu.common.trace.StatusChange;

/** {@code --format json}: the raw hops as each service recorded them, and the status changes, for scripts. */
final class JsonFormat {

  private JsonFormat() {
  }

  static void print(Trace trace, PrintWriter out) {
    out.println(toJson(trace).encodePrettily());
  }

  static JsonObject toJson(Trace trace) {
    JsonArray hops = new JsonArray();
    trace.hops().forEach(h -> hops.add(hop(h)));
    JsonArray changes = new JsonArray();
    trace.changes().forEach(c -> changes.add(change(c)));
    return new JsonObject().put("id", trace.id()).put("request_ids", new JsonArray(trace.requestIds()))
        .put("hops", hops).put("status_changes", changes);
  }

  static JsonObject hop(Hop h) {
    return new JsonObject()
        .put("request_id", h.requestId())
        .put("resource_id", h.resourceId())
        .put("side", h.side().name().toLowerCase())
        .put("kind", h.kind().name().toLowerCase())
        .put("method", h.method())
        .put("version", h.version())
        .put("exchange", h.exchange())
        .put("routing_key", h.routingKey())
        .put("queue", h.queue())
        .put("unique_id", h.uniqueId())
        .put("msg_id", h.msgId())
        .put("binary", h.binary())
        .put("host", h.host())
        .put(h.side() == Hop.Side.PUBLISH ? "published_at" : "consumed_at", time(h.at()))
        .put("finished_at", time(h.finishedAt()))
        .put("outcome", h.outcome())
        .put("span_id", h.spanId())
        .put("parent_span_id", h.parentSpanId());
  }

  static JsonObject change(StatusChange c) {
    return new JsonObject().put("request_id", c.requestId()).put("resource_type", c.resourceType())
        .put("resource_id", c.resourceId()).put("from", c.from()).put("to", c.to()).put("binary", c.binary())
        .put("host", c.host()).put("at", time(c.at()));
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
