package org.cinderemu.deploy.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.BrokerProfile;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.RpcServer;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.testing.PythonPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RPC layer on the embedded broker with its qpid profile, against the real oslo.messaging 14 in both
 * directions: calls (which carry an expiration, relative from oslo, absolute from us) reach their server and
 * replies (on the default exchange) reach the caller's reply queue, with our client or oslo's on either end.
 */
class EmbeddedBrokerOsloIT {

  // Qpid offers PLAIN but not AMQPLAIN, oslo's default login method
  private static final Map<String, String> PLAIN_LOGIN = Map.of("OS_OSLO_MESSAGING_RABBIT__RABBIT_LOGIN_METHOD",
      "PLAIN");

  static EmbeddedBroker broker;
  static Path work;
  static Vertx vertx;
  static String url;
  static RpcClient client;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("cemu-qpid-");
    String password = UUID.randomUUID().toString().replace("-", "");
    broker = EmbeddedBroker.start(0, EmbeddedBrokerAccess.USER, password, work);
    url = EmbeddedBrokerAccess.transportUrl(broker.port(), password);
    RpcConfig config = RpcConfig.from(CinderConf.empty()
        .with(RpcConfig.TRANSPORT_URL, url)
        .with(BrokerProfile.EMULATOR_BROKER_PROFILE, BrokerProfile.QPID.confValue())
        .with(RpcConfig.RPC_RESPONSE_TIMEOUT, "10"));
    vertx = Vertx.vertx();
    RpcTransport serverTransport = RpcTransport.connect(vertx, config, "cinder-scheduler").await();
    client = new RpcClient(RpcTransport.connect(vertx, config, "cinder-api").await());
    RpcDispatcher dispatcher = new RpcDispatcher("3.12")
        .register("whoami", (ctx, args) -> Future.succeededFuture(new JsonObject()
            .put("request_id", ctx.requestId()).put("args", args)));
    new RpcServer(serverTransport, Target.server("cinder-scheduler", "qpid-host"), dispatcher).start().await();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
    if (broker != null) {
      broker.close();
    }
    try (var files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void anOsloClientCallsOurServer() throws Exception {
    try (PythonPeer peer = PythonPeer.start(PLAIN_LOGIN, "rpc_call.py", url, "openstack", "cinder-scheduler", "qpid-host", "3.0",
        "whoami", "{\"n\": 1}", "20")) {
      JsonObject answer = new JsonObject(peer.nextLine(40));
      assertThat(answer.getString("request_id")).isEqualTo("req-11111111-2222-3333-4444-555555555555");
      assertThat(answer.getJsonObject("args")).isEqualTo(new JsonObject().put("n", 1));
    }
  }

  @Test
  void ourClientCallsAnOsloServerAndOurOwnServer() throws Exception {
    try (PythonPeer server = PythonPeer.start(PLAIN_LOGIN, "rpc_server.py", url, "openstack", "cinder-volume.qpid-host@lvm",
        "qpid-host", "3.18")) {
      assertThat(server.nextLine(40)).isEqualTo("READY");
      RequestContext ctx = RequestContext.user("u1", "p1", "req-qpid", "u1:p1", "127.0.0.1");
      Object echoed = client.call(Target.server("cinder-volume.qpid-host@lvm", "qpid-host").withVersion("3.0"), ctx,
          "echo", new JsonObject().put("n", 7)).await(30, TimeUnit.SECONDS);
      assertThat(echoed).isEqualTo(new JsonObject().put("echo", new JsonObject().put("n", 7))
          .put("request_id", "req-qpid"));
    }
    Object own = client.call(Target.topic("cinder-scheduler").withVersion("3.0"), RequestContext.admin(), "whoami",
        new JsonObject()).await(30, TimeUnit.SECONDS);
    assertThat(own).isInstanceOf(JsonObject.class);
  }
}
