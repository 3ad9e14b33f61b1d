package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.cinderemu.common.testing.Captured;
import org.cinderemu.common.testing.Firehose;
import org.cinderemu.common.testing.Firehose.Traced;
import org.cinderemu.common.testing.JsonShape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator's messages, traced with RabbitMQ's firehose as the reference ones were, have the shape of
 * the messages captured from a real Cinder 21: exchange, routing key, AMQP properties, envelope, inner
 * keys in order, argument names and value types (recursively through the versioned objects).
 */
class MessageShapesIT {

  static Lab lab;
  static Firehose firehose;
  static CinderHttp cinder;

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    firehose = new Firehose(lab.vertx, lab.broker);
    lab.startAll();
    cinder = new CinderHttp(lab.apiVerticle().actualPort());
    String id = cinder.createVolume(1, null);
    cinder.awaitSettled(id, Duration.ofSeconds(30));
    cinder.ok("GET", "/scheduler-stats/get_pools?detail=True", null);
  }

  @AfterAll
  static void stop() throws Exception {
    firehose.close();
    lab.close();
  }

  static Traced traced(String exchange, String method) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !find(exchange, method).isEmpty());
    return find(exchange, method).get(0);
  }

  static List<Traced> find(String exchange, String method) {
    return firehose.matching(t -> t.exchange().equals(exchange) && t.body().containsKey("oslo.message")
        && method.equals(t.method()));
  }

  static String normalize(String name) {
    return name.replace("emu-lab", "HOST");
  }

  static void assertShape(String captured, Traced ours) throws Exception {
    JsonObject real = Captured.message(captured);
    assertThat(ours.exchange()).isEqualTo(real.getString("exchange"));
    assertThat(normalize(ours.routingKey().replace(lab.host, "emu-lab")))
        .isEqualTo(normalize(real.getString("routing_key")));
    JsonObject realProps = real.getJsonObject("amqp_properties");
    for (String key : realProps.fieldNames()) {
      assertThat(ours.properties().getValue(key)).as("AMQP property %s", key)
          .isEqualTo(key.equals("expiration") ? ours.properties().getValue(key) : realProps.getValue(key));
    }
    assertThat(ours.properties().containsKey("expiration")).as("expiration set")
        .isEqualTo(realProps.containsKey("expiration"));
    assertThat(ours.body().fieldNames()).containsExactly("oslo.version", "oslo.message");
    assertThat(JsonShape.diff(real.getJsonObject("oslo_message_decoded"), ours.inner())).isEmpty();
  }

  @Test
  void apiToSchedulerCreateVolume() throws Exception {
    assertShape("01_", traced("openstack", "create_volume"));
  }

  @Test
  void schedulerToVolumeCreateVolume() throws Exception {
    Traced t = firehose.matching(m -> "create_volume".equals(m.method())
        && m.routingKey().startsWith("cinder-volume.")).get(0);
    assertShape("02_", t);
  }

  @Test
  void getPoolsCallAndReply() throws Exception {
    Traced call = traced("openstack", "get_pools");
    assertShape("03_", call);
    assertThat(call.properties().getValue("expiration")).isEqualTo("10000");
    String replyQ = call.inner().getString("_reply_q");
    await().atMost(Duration.ofSeconds(20)).until(() -> !firehose.matching(t -> t.routingKey().equals(replyQ)).isEmpty());
    Traced reply = firehose.matching(t -> t.routingKey().equals(replyQ)).get(0);
    JsonObject real = Captured.message("04_");
    assertThat(reply.exchange()).isEqualTo("");
    assertThat(JsonShape.diff(real.getJsonObject("oslo_message_decoded"), reply.inner())).isEmpty();
  }

  @Test
  void volumeCapabilityFanout() throws Exception {
    Traced t = firehose.matching(m -> m.exchange().equals("cinder-scheduler_fanout")
        && "update_service_capabilities".equals(m.method())
        && "volume".equals(m.inner().getJsonObject("args").getString("service_name"))).get(0);
    assertShape("20_", t);
  }

  @Test
  void schedulerAsksVolumesForCapabilities() throws Exception {
    assertShape("21_", traced("cinder-volume_fanout", "publish_service_capabilities"));
  }
}
