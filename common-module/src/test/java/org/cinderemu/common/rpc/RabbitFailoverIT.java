package org.cinderemu.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.testing.TcpProxy;
import org.cinderemu.common.testing.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A transport_url with several brokers (docs/cinder-reference.md §2.7) against the real RabbitMQ: a dead broker
 * in the list is skipped, and a lost connection fails over to another broker, where the server's queues are
 * declared again; {@code rabbit_quorum_queue} makes the topic queues quorum queues.
 */
class RabbitFailoverIT {

  static final String REAL = "127.0.0.1:5672";
  static TestBroker broker;
  static Vertx vertx;
  static RpcClient caller;

  @BeforeAll
  static void start() {
    broker = TestBroker.create();
    vertx = Vertx.vertx();
    caller = new RpcClient(RpcTransport.connect(vertx, config(broker, REAL), "caller").await());
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    broker.close();
  }

  static RpcConfig config(TestBroker on, String... brokers) {
    String hosts = String.join(",", java.util.Arrays.stream(brokers).map(b -> "guest:guest@" + b).toList());
    return RpcConfig.from(CinderConf.empty()
        .with(CinderConf.DEFAULT, "transport_url", "rabbit://" + hosts + "/" + on.vhost())
        .with(CinderConf.DEFAULT, "rpc_response_timeout", "5"));
  }

  static RpcServer echoServer(RpcTransport transport, String topic, String server) {
    RpcDispatcher dispatcher = new RpcDispatcher("3.0")
        .register("echo", (ctx, args) -> Future.succeededFuture(args));
    RpcServer s = new RpcServer(transport, Target.server(topic, server), dispatcher);
    s.start().await();
    return s;
  }

  static Object echo(String topic, String server, int n) throws Exception {
    return caller.call(Target.server(topic, server).withVersion("3.0"), RequestContext.admin(), "echo", new JsonObject().put("n", n))
        .await(20, TimeUnit.SECONDS);
  }

  static int deadPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();  // nothing listens there once closed
    }
  }

  @Test
  void aDeadBrokerInTheListIsSkipped() throws Exception {
    RpcTransport t = RpcTransport.connect(vertx, config(broker, "127.0.0.1:" + deadPort(), REAL), "dead-first")
        .await(30, TimeUnit.SECONDS);
    echoServer(t, "cemu-dead-first", "h1");

    assertThat(echo("cemu-dead-first", "h1", 1)).isEqualTo(new JsonObject().put("n", 1));
  }

  @Test
  void aLostConnectionFailsOverToTheOtherBrokerAndTheQueuesComeBack() throws Exception {
    TcpProxy a = TcpProxy.start("127.0.0.1", 5672);
    TcpProxy b = TcpProxy.start("127.0.0.1", 5672);
    try {
      RpcTransport t = RpcTransport.connect(vertx,
          config(broker, "127.0.0.1:" + a.port(), "127.0.0.1:" + b.port()), "failover").await(30, TimeUnit.SECONDS);
      echoServer(t, "cemu-failover", "h2");
      assertThat(echo("cemu-failover", "h2", 1)).isEqualTo(new JsonObject().put("n", 1));
      TcpProxy used = a.connections() > 0 ? a : b;
      TcpProxy other = used == a ? b : a;
      assertThat(other.connections()).isZero();

      used.close();  // that broker dies: its connections drop, new ones are refused

      await().atMost(Duration.ofSeconds(30)).until(() -> other.connections() == 1 && t.isConnected());
      assertThat(echo("cemu-failover", "h2", 2)).isEqualTo(new JsonObject().put("n", 2));
      // the recovery is counted (cinder_emulator_rpc_reconnects_total)
      await().atMost(Duration.ofSeconds(5)).until(() -> t.stats().reconnects.get() == 1);
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void quorumQueuesAreTheTopicQueuesOnly() throws Exception {
    try (TestBroker own = TestBroker.create()) {  // the exchange turns durable too: keep it off the shared vhost
      RpcConfig quorum = RpcConfig.from(own.apply(CinderConf.empty())
          .with("oslo_messaging_rabbit", "rabbit_quorum_queue", "true"));
      RpcTransport t = RpcTransport.connect(vertx, quorum, "quorum").await(30, TimeUnit.SECONDS);
      RpcServer server = echoServer(t, "cinder-backup", "hq");

      List<JsonObject> queues = own.queueTypes();
      assertThat(queues).contains(
          new JsonObject().put("name", "cinder-backup").put("type", "quorum").put("durable", true),
          new JsonObject().put("name", "cinder-backup.hq").put("type", "quorum").put("durable", true),
          new JsonObject().put("name", server.fanoutQueue()).put("type", "classic").put("durable", false));
      assertThat(own.exchanges()).filteredOn(e -> "openstack".equals(e.getString("name")))
          .extracting(e -> e.getBoolean("durable")).containsExactly(true);
      t.close().await(10, TimeUnit.SECONDS);
    }
  }
}
