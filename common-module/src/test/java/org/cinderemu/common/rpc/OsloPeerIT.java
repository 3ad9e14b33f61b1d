package org.cinderemu.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.testing.PythonPeer;
import org.cinderemu.common.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wire compatibility with the real oslo.messaging 14 (Debian's python3-oslo.messaging) in both
 * directions, and the server's handling of bad input, all on a private vhost of the real RabbitMQ.
 */
class OsloPeerIT {

  static TestBroker broker;
  static Vertx vertx;
  static RpcTransport serverTransport;
  static RpcTransport clientTransport;
  static RpcClient client;
  static final JsonArray POOLS = new JsonArray().add(new JsonObject().put("name", "emu-lab@lvmdriver-1#lvmdriver-1")
      .put("capabilities", new JsonObject().put("total_capacity_gb", 1000)));

  @BeforeAll
  static void start() {
    broker = TestBroker.create();
    vertx = Vertx.vertx();
    RpcConfig config = RpcConfig.from(broker.apply(CinderConf.empty())
        .with(CinderConf.DEFAULT, "rpc_response_timeout", "3"));
    serverTransport = RpcTransport.connect(vertx, config, "cinder-scheduler").await();
    clientTransport = RpcTransport.connect(vertx, config, "cinder-api").await();
    client = new RpcClient(clientTransport);
    RpcDispatcher dispatcher = new RpcDispatcher("3.12")
        .register("get_pools", (ctx, args) -> Future.succeededFuture(POOLS))
        .register("echo_context", (ctx, args) -> Future.succeededFuture(new JsonObject()
            .put("request_id", ctx.requestId()).put("project_id", ctx.projectId()).put("args", args)))
        .register("volume_missing", (ctx, args) -> Future.failedFuture(
            RemoteError.cinder("VolumeNotFound", "Volume abc could not be found.", 404)));
    new RpcServer(serverTransport, Target.server("cinder-scheduler", "emu-lab"), dispatcher).start().await();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static String callFromPython(String server, String version, String method, String args) throws Exception {
    try (PythonPeer peer = PythonPeer.start("rpc_call.py", broker.transportUrl(), "openstack",
        "cinder-scheduler", server, version, method, args, "10")) {
      return peer.nextLine(30);
    }
  }

  @Test
  void pythonClientCallsOurServer() throws Exception {
    String out = callFromPython("-", "3.0", "get_pools", "{\"filters\": null}");
    assertThat(new JsonArray(out)).isEqualTo(POOLS);
  }

  @Test
  void pythonContextArrivesAsContextKeys() throws Exception {
    String out = callFromPython("emu-lab", "3.0", "echo_context", "{\"x\": 1}");
    JsonObject echoed = new JsonObject(out);
    assertThat(echoed.getString("request_id")).isEqualTo("req-11111111-2222-3333-4444-555555555555");
    assertThat(echoed.getString("project_id")).isEqualTo("p1");
    assertThat(echoed.getJsonObject("args")).isEqualTo(new JsonObject().put("x", 1));
  }

  @Test
  void failuresReachPythonInOslosFormat() throws Exception {
    assertThat(callFromPython("-", "3.0", "no_such", "{}")).startsWith("ERROR").contains("NoSuchMethod");
    assertThat(callFromPython("-", "2.0", "get_pools", "{}")).startsWith("ERROR").contains("UnsupportedVersion");
    assertThat(callFromPython("-", "3.13", "get_pools", "{}")).contains("UnsupportedVersion");
    assertThat(callFromPython("-", "3.0", "volume_missing", "{}")).contains("VolumeNotFound")
        .contains("Volume abc could not be found.");
  }

  @Test
  void ourClientCastsAndCallsAPythonServer() throws Exception {
    try (PythonPeer server = PythonPeer.start("rpc_server.py", broker.transportUrl(), "openstack",
        "cinder-volume.emu-lab@lvmdriver-1", "emu-lab", "3.18")) {
      assertThat(server.nextLine(30)).isEqualTo("READY");
      Target target = Target.server("cinder-volume.emu-lab@lvmdriver-1", "emu-lab").withVersion("3.0");
      RequestContext ctx = RequestContext.user("u1", "p1", "req-abc", "u1:p1", "127.0.0.1");

      client.cast(target, ctx, "record_cast", new JsonObject().put("volume_id", "v1")).await();
      JsonObject cast = new JsonObject(server.nextLine(30));
      assertThat(cast.getString("method")).isEqualTo("record_cast");
      assertThat(cast.getJsonObject("args")).isEqualTo(new JsonObject().put("volume_id", "v1"));
      assertThat(cast.getJsonObject("context").getString("request_id")).isEqualTo("req-abc");

      Object result = client.call(target, ctx, "echo", new JsonObject().put("n", 7)).await(20, TimeUnit.SECONDS);
      assertThat(result).isEqualTo(new JsonObject().put("echo", new JsonObject().put("n", 7))
          .put("request_id", "req-abc"));

      Throwable failure = client.call(target, ctx, "fail", new JsonObject())
          .map(v -> (Throwable) null).recover(Future::succeededFuture).await(20, TimeUnit.SECONDS);
      assertThat(failure).isInstanceOf(RemoteError.class).hasMessage("asked to fail");
      assertThat(((RemoteError) failure).className()).isEqualTo("ValueError");
    }
  }

  @Test
  void aCallNobodyAnswersTimesOut() throws Exception {
    Throwable e = client.call(Target.server("cinder-nobody", "x"), RequestContext.admin(), "m", new JsonObject())
        .map(v -> (Throwable) null).recover(Future::succeededFuture).await(20, TimeUnit.SECONDS);
    assertThat(e).isInstanceOf(MessagingTimeout.class).hasMessageContaining("Timed out waiting for a reply");
  }

  @Test
  void badInputIsCountedAndTheConsumerKeepsConsuming() throws Exception {
    RpcStats stats = serverTransport.stats();
    long malformed = stats.malformed.get();
    long rejected = stats.rejected.get();
    long duplicates = stats.duplicates.get();
    RabbitMQClient raw = RabbitMQClient.create(vertx, new RabbitMQOptions().setVirtualHost(broker.vhost()));
    raw.start().await();
    raw.basicPublish("openstack", "cinder-scheduler", Buffer.buffer("this is not json")).await();
    raw.basicPublish("openstack", "cinder-scheduler",
        Buffer.buffer("{\"oslo.version\":\"2.0\",\"oslo.message\":\"{broken\"}")).await();
    raw.stop().await();
    RequestContext ctx = RequestContext.admin();
    Target target = Target.topic("cinder-scheduler").withVersion("3.0");
    client.cast(target, ctx, "no_such_method", new JsonObject()).await();
    client.cast(target.withVersion("4.0"), ctx, "get_pools", new JsonObject()).await();
    OutgoingMessage twice = new OutgoingMessage("openstack", "cinder-scheduler",
        RpcRequest.cast(ctx, "get_pools", new JsonObject(), "3.0").toInner(), null, OutgoingMessage.Kind.CAST);
    clientTransport.publish(twice).await();
    clientTransport.publish(twice).await();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(stats.malformed.get() - malformed).isEqualTo(2);
      assertThat(stats.rejected.get() - rejected).isEqualTo(2);
      assertThat(stats.duplicates.get() - duplicates).isEqualTo(1);
    });
    // and the server still answers
    assertThat(client.call(target, ctx, "get_pools", new JsonObject()).await(10, TimeUnit.SECONDS))
        .isEqualTo(POOLS);
    // the malformed casts were consumed, not left on the queue or requeued forever
    List<JsonObject> queues = broker.queues();
    assertThat(queues).filteredOn(q -> q.getString("name").equals("cinder-scheduler"))
        .singleElement().satisfies(q -> assertThat(q.getInteger("messages")).isZero());
  }
}
