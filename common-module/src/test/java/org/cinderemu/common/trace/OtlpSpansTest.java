package org.cinderemu.common.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OTLP/HTTP JSON the services post: ExportTraceServiceRequest with ids in hex and times in nanoseconds. */
class OtlpSpansTest {

  private static final String REQ = "req-0123abcd-0000-4000-8000-00000000beef";
  private static final String UID = "aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb";

  @Test
  void aPublishAndItsConsumeAreProducerAndConsumerSpansOfTheRequestsTrace() {
    Instant t = Instant.parse("2026-12-02T01:00:00.000001Z");
    Hop pub = new Hop(REQ, "vol-1", Hop.Side.PUBLISH, Hop.Kind.CAST, "create_volume", "3.0", "openstack",
        "cinder-scheduler", null, UID, null, "cinder-api", "ctl", t, null, null, TraceSpans.publishSpan(UID), null);
    Hop sub = new Hop(REQ, "vol-1", Hop.Side.CONSUME, Hop.Kind.CAST, "create_volume", "3.0", null, null,
        "cinder-scheduler", UID, null, "cinder-scheduler", "ctl", t.plusMillis(2), t.plusMillis(5), "error",
        TraceSpans.consumeSpan(UID, "cinder-scheduler", "ctl"), TraceSpans.publishSpan(UID));

    JsonObject body = OtlpSpans.request("cinder-scheduler", "ctl", List.of(pub, sub));

    JsonObject resourceSpans = body.getJsonArray("resourceSpans").getJsonObject(0);
    assertThat(attributes(resourceSpans.getJsonObject("resource").getJsonArray("attributes")))
        .containsEntry("service.name", "cinder-scheduler").containsEntry("host.name", "ctl");
    JsonObject scope = resourceSpans.getJsonArray("scopeSpans").getJsonObject(0);
    assertThat(scope.getJsonObject("scope").getString("name")).isEqualTo("cinder-emu");
    JsonArray spans = scope.getJsonArray("spans");
    JsonObject producer = spans.getJsonObject(0);
    JsonObject consumer = spans.getJsonObject(1);
    assertThat(producer.getString("traceId")).isEqualTo("0123abcd000040008000" + "00000000beef")
        .isEqualTo(consumer.getString("traceId"));
    assertThat(producer.getString("spanId")).isEqualTo("aaaaaaaaaaaaaaaa");
    assertThat(producer.containsKey("parentSpanId")).isFalse();
    assertThat(producer.getString("name")).isEqualTo("create_volume publish");
    assertThat(producer.getInteger("kind")).isEqualTo(4);
    assertThat(producer.getString("startTimeUnixNano")).isEqualTo("1796173200000001000")
        .isEqualTo(producer.getString("endTimeUnixNano"));
    assertThat(attributes(producer.getJsonArray("attributes")))
        .containsEntry("rpc.method", "create_volume")
        .containsEntry("messaging.destination.name", "openstack")
        .containsEntry("messaging.rabbitmq.destination.routing_key", "cinder-scheduler")
        .containsEntry("messaging.message.id", UID)
        .containsEntry("cinder.request_id", REQ);

    assertThat(consumer.getString("spanId")).matches("[0-9a-f]{16}").isNotEqualTo(producer.getString("spanId"));
    assertThat(consumer.getString("parentSpanId")).isEqualTo(producer.getString("spanId"));
    assertThat(consumer.getInteger("kind")).isEqualTo(5);
    assertThat(Long.parseLong(consumer.getString("endTimeUnixNano"))
        - Long.parseLong(consumer.getString("startTimeUnixNano"))).isEqualTo(3_000_000L);
    assertThat(consumer.getJsonObject("status").getInteger("code")).isEqualTo(2);
    assertThat(attributes(consumer.getJsonArray("attributes"))).containsEntry("messaging.destination.name",
        "cinder-scheduler");
  }

  @Test
  void idsAreDerivedTheSameWayInEveryProcess() {
    assertThat(TraceSpans.traceId("req-not-a-uuid")).matches("[0-9a-f]{32}")
        .isEqualTo(TraceSpans.traceId("req-not-a-uuid"));
    assertThat(TraceSpans.consumeSpan(UID, "cinder-scheduler", "a"))
        .isNotEqualTo(TraceSpans.consumeSpan(UID, "cinder-scheduler", "b"));
  }

  static java.util.Map<String, String> attributes(JsonArray attributes) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    attributes.forEach(a -> {
      JsonObject o = (JsonObject) a;
      m.put(o.getString("key"), o.getJsonObject("value").getString("stringValue"));
    });
    return m;
  }
}
