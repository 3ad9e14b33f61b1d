package org.cinderemu.common.trace;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Hops as an OTLP/HTTP JSON {@code ExportTraceServiceRequest}: one resource (the service), one scope, a PRODUCER
 * span per publish (an instant) and a CONSUMER span per consumed message (consumed → handler finished), in the
 * trace of the request ({@link TraceSpans}). Ids are hex, times nanoseconds as strings, as OTLP's JSON mapping says.
 */
public final class OtlpSpans {

  static final String SCOPE = "cinder-emu";
  private static final int KIND_PRODUCER = 4;
  private static final int KIND_CONSUMER = 5;
  private static final int STATUS_OK = 1;
  private static final int STATUS_ERROR = 2;

  private OtlpSpans() {
  }

  public static JsonObject request(String binary, String host, List<Hop> hops) {
    JsonArray spans = new JsonArray();
    for (Hop h : hops) {
      if (h.requestId() != null && h.spanId() != null) {
        spans.add(span(h));
      }
    }
    JsonObject resource = new JsonObject().put("attributes", new JsonArray()
        .add(attribute("service.name", binary)).add(attribute("host.name", host)));
    JsonObject scopeSpans = new JsonObject().put("scope", new JsonObject().put("name", SCOPE)).put("spans", spans);
    return new JsonObject().put("resourceSpans", new JsonArray().add(new JsonObject()
        .put("resource", resource).put("scopeSpans", new JsonArray().add(scopeSpans))));
  }

  static JsonObject span(Hop h) {
    boolean publish = h.side() == Hop.Side.PUBLISH;
    String what = h.method() != null ? h.method() : h.kind().name().toLowerCase();
    JsonArray attributes = new JsonArray()
        .add(attribute("messaging.system", "rabbitmq"))
        .add(attribute("messaging.operation", publish ? "publish" : "process"))
        .add(attribute("cinder.rpc.kind", h.kind().name().toLowerCase()))
        .add(attribute("cinder.request_id", h.requestId()));
    addIfSet(attributes, "rpc.method", h.method());
    addIfSet(attributes, "cinder.rpc.version", h.version());
    addIfSet(attributes, "messaging.destination.name", publish ? h.exchange() : h.queue());
    addIfSet(attributes, "messaging.rabbitmq.destination.routing_key", h.routingKey());
    addIfSet(attributes, "messaging.message.id", h.uniqueId());
    addIfSet(attributes, "cinder.resource_id", h.resourceId());
    JsonObject span = new JsonObject()
        .put("traceId", TraceSpans.traceId(h.requestId()))
        .put("spanId", h.spanId());
    if (h.parentSpanId() != null) {
      span.put("parentSpanId", h.parentSpanId());
    }
    Instant end = h.finishedAt() != null ? h.finishedAt() : h.at();
    return span.put("name", what + (publish ? " publish" : " process"))
        .put("kind", publish ? KIND_PRODUCER : KIND_CONSUMER)
        .put("startTimeUnixNano", nanos(h.at()))
        .put("endTimeUnixNano", nanos(end))
        .put("attributes", attributes)
        .put("status", new JsonObject().put("code", "error".equals(h.outcome()) ? STATUS_ERROR : STATUS_OK));
  }

  private static void addIfSet(JsonArray attributes, String key, String value) {
    if (value != null) {
      attributes.add(attribute(key, value));
    }
  }

  private static JsonObject attribute(String key, String value) {
    return new JsonObject().put("key", key).put("value", new JsonObject().put("stringValue", value));
  }

  private static String nanos(Instant t) {
    return Long.toString(t.getEpochSecond() * 1_000_000_000L + t.getNano());
  }
}
