package org.cinderemu.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.chaos.ChaosBroker;
import org.cinderemu.deploy.chaos.ChaosProxy;
import org.cinderemu.deploy.chaos.proxy.ProxyClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * Broker faults on one stack of the real launcher, {@code up --broker embedded --chaos-proxy} (the shared RabbitMQ
 * is never stopped): every service child reaches the broker through a proxy of its own; a partition of
 * cinder-volume's link holds a create until it ends; a dropped connection is recovered and counted; the embedded
 * broker is killed and started again on its port, and the stack creates volumes after each fault.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerFaultsIT {

  private static final List<String> SERVICES = List.of("cinder-api", "cinder-backup", "cinder-scheduler",
      "cinder-volume");
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final String RECONNECTS = "cinder_emulator_rpc_reconnects_total";

  static Path state;
  static CinderHttp api;

  @BeforeAll
  static void up() throws Exception {
    state = Files.createTempDirectory("cemu-broker-faults-");
    int apiPort = LauncherIT.freePort();
    LauncherIT.Run up = LauncherIT.cinderEmu("up", "--broker", "embedded", "--chaos-proxy", "--detach",
        "--state-dir", state.toString(), "--api-port", String.valueOf(apiPort));
    assertThat(up.exit()).as(up.output()).isZero();
    assertThat(up.output()).contains("chaos proxy");
    api = new CinderHttp(apiPort);
  }

  @AfterAll
  static void down() throws Exception {
    if (state != null) {
      LauncherIT.cinderEmu("down", "--state-dir", state.toString());
      try (var files = Files.walk(state)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Runs a chaos verb in this JVM (its output), as `cinder-emu chaos …` would. */
  static String chaos(Object group, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(group).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--state-dir", state.toString())).toArray(String[]::new);
    assertThat(cmd.execute(all)).as("%s\n%s", out, err).isZero();
    return out.toString();
  }

  static double reconnects(String child) throws Exception {
    String admin = Files.readString(new StateDir(state).adminFile(child)).strip();
    return PromText.scrape(admin).sum(RECONNECTS);
  }

  static JsonObject createdVolume() {
    return api.awaitSettled(api.createVolume(1, null), SETTLE);
  }

  @Test
  @Order(1)
  void everyServiceChildHasAProxyOfItsOwnToTheBroker() throws Exception {
    JsonObject proxies = ProxyClient.forStack(new StateDir(state)).proxies();
    assertThat(proxies.fieldNames()).containsExactlyInAnyOrderElementsOf(SERVICES);
    TransportUrl broker = TransportUrl.parse(CinderConf.load(state.resolve("cinder.conf")).get(RpcConfig.TRANSPORT_URL));
    for (String child : SERVICES) {
      JsonObject p = proxies.getJsonObject(child);
      assertThat(p.getString("upstream")).isEqualTo("127.0.0.1:" + broker.port());
      assertThat(p.getInteger("connections")).as(child).isPositive();
      TransportUrl own = TransportUrl.parse(CinderConf.load(state.resolve("chaos-proxy").resolve(child + ".conf"))
          .get(RpcConfig.TRANSPORT_URL));
      assertThat("127.0.0.1:" + own.port()).isEqualTo(p.getString("listen"));
    }
    assertThat(chaos(new ChaosProxy(), "list")).contains("cinder-volume", "enabled");
  }

  @Test
  @Order(2)
  void aPartitionHoldsTheVolumeServicesRpcUntilItEnds() {
    chaos(new ChaosProxy(), "partition", "cinder-volume", "on");
    String id;
    try {
      id = api.createVolume(1, null);
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
          .until(() -> api.volume(id).getString("status").equals("creating"));
    } finally {
      chaos(new ChaosProxy(), "partition", "cinder-volume", "off");
    }
    assertThat(api.awaitSettled(id, SETTLE).getString("status")).isEqualTo("available");
  }

  @Test
  @Order(3)
  void aLatencyToxicSlowsTheLinkWithoutBreakingIt() {
    chaos(new ChaosProxy(), "toxic", "add", "cinder-volume", "--type", "latency", "--latency-ms", "200",
        "--jitter-ms", "50");
    try {
      assertThat(createdVolume().getString("status")).isEqualTo("available");
    } finally {
      chaos(new ChaosProxy(), "toxic", "remove", "cinder-volume", "latency_downstream");
    }
  }

  @Test
  @Order(4)
  void aClosedConnectionIsRecoveredAndCounted() throws Exception {
    double before = reconnects("cinder-volume");
    assertThat(chaos(new ChaosBroker(), "close-connection", "cinder-volume")).contains("closed cinder-volume:");
    await().atMost(Duration.ofSeconds(30)).until(() -> reconnects("cinder-volume") > before);
    assertThat(createdVolume().getString("status")).isEqualTo("available");
  }

  @Test
  @Order(5)
  void theEmbeddedBrokerIsKilledAndStartedAgainOnItsPort() throws Exception {
    long brokerPid = Long.parseLong(Files.readString(state.resolve("run").resolve("cinder-broker.pid")).strip());
    java.util.Map<String, Double> before = new java.util.HashMap<>();
    for (String child : SERVICES) {
      before.put(child, reconnects(child));
    }
    assertThat(chaos(new ChaosBroker(), "stop")).contains("embedded broker killed");
    assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

    assertThat(chaos(new ChaosBroker(), "start")).contains("embedded broker started");
    // the restarted broker is empty: a cast sent before its queue is declared again is lost, as with oslo, so the
    // create waits until every service is back
    for (String child : SERVICES) {
      await().atMost(Duration.ofSeconds(45)).until(() -> reconnects(child) > before.get(child));
    }
    assertThat(createdVolume().getString("status")).isEqualTo("available");
  }
}
