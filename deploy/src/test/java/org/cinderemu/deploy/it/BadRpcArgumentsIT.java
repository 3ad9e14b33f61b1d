package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RemoteError;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcServer;
import org.cinderemu.common.rpc.RpcStats;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.rpc.api.VolumeTargets;
import org.cinderemu.common.testing.PythonPeer;
import org.cinderemu.volume.VolumeVerticle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A message whose argument has the wrong type (a volume sent as its id string) reaches a real volume
 * service: it is refused with one WARN line naming the method and the argument, counted in the
 * transport's badArguments, answered with oslo's failure when it is a call, and the next good message on
 * the same queue is handled.
 */
class BadRpcArgumentsIT {

  static Lab lab;
  static CinderHttp cinder;
  static VolumeVerticle volume;
  static RpcClient client;
  static ListAppender<ILoggingEvent> serverLog = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    lab = new Lab();
    lab.set(CinderConf.DEFAULT, "enabled_backends", "lvmdriver-1");
    lab.api();
    lab.scheduler();
    volume = lab.volume("lvmdriver-1");
    cinder = new CinderHttp(lab.apiVerticle().actualPort());
    RpcTransport peer = RpcTransport.connect(lab.vertx, RpcConfig.from(lab.conf()), "bad-peer")
        .await(30, TimeUnit.SECONDS);
    client = new RpcClient(peer);
    serverLog.start();
    ((Logger) LoggerFactory.getLogger(RpcServer.class)).addAppender(serverLog);
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger(RpcServer.class)).detachAppender(serverLog);
    lab.close();
  }

  private static Target volumeService() {
    return VolumeTargets.of(volume.serviceHost()).withVersion("3.0");
  }

  @Test
  void aVolumeSentAsAStringIsRefusedCountedAndTheNextDeleteIsHandled() throws Exception {
    String id = cinder.createVolume(1, null);
    assertThat(cinder.awaitSettled(id, Duration.ofSeconds(30)).getString("status")).isEqualTo("available");
    RpcStats stats = volume.transport().stats();
    long bad = stats.badArguments.get();

    client.cast(volumeService(), RequestContext.admin(), "delete_volume",
        new JsonObject().put("volume", id).put("unmanage_only", false).put("cascade", false))
        .await(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(10)).until(() -> stats.badArguments.get() == bad + 1);
    assertThat(serverLog.list).filteredOn(e -> e.getFormattedMessage()
            .contains("delete_volume: argument 'volume' must be an object, got string"))
        .singleElement().satisfies(e -> {
          assertThat(e.getLevel()).isEqualTo(Level.WARN);
          assertThat(e.getThrowableProxy()).as("no stack trace").isNull();
          assertThat(e.getFormattedMessage()).doesNotContain("\n");
        });
    assertThat(cinder.volume(id).getString("status")).isEqualTo("available");

    // the consumer kept consuming: the API's own delete_volume on the same queue deletes the volume
    assertThat(cinder.send("DELETE", "/volumes/" + id, null).status()).isEqualTo(202);
    cinder.awaitGone("volumes", id, Duration.ofSeconds(30));
  }

  @Test
  void aCallWithAStringVolumeGetsOslosTypeErrorAndTheNextCallIsAnswered() throws Exception {
    Target target = volumeService();
    String out;
    try (PythonPeer peer = PythonPeer.start("rpc_call.py", lab.broker.transportUrl(), "openstack",
        target.topic(), target.server(), "3.0", "initialize_connection",
        "{\"connector\": {\"host\": \"x\"}, \"volume\": \"abc\"}", "30")) {
      out = peer.nextLine(60);
    }
    assertThat(out).startsWith("ERROR TypeError")
        .contains("initialize_connection: argument 'volume' must be an object, got string");

    Throwable refused = client.call(target, RequestContext.admin(), "terminate_connection",
            new JsonObject().put("volume_id", 42).put("connector", new JsonObject()).put("force", true))
        .map(v -> (Throwable) null).recover(e -> io.vertx.core.Future.succeededFuture(e))
        .await(20, TimeUnit.SECONDS);
    assertThat(refused).isInstanceOf(RemoteError.class)
        .hasMessage("terminate_connection: argument 'volume_id' must be a string, got number");

    Object answered = client.call(target, RequestContext.admin(), "terminate_connection",
            new JsonObject().put("volume_id", "no-such-volume").put("connector", new JsonObject()).put("force", true))
        .await(20, TimeUnit.SECONDS);
    assertThat(answered).isNull();
  }
}
