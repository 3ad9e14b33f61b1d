package org.cinderemu.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.broker.EmbeddedBrokerAccess;
import org.cinderemu.deploy.chaos.proxy.ChaosProxyLaunch;
import org.cinderemu.deploy.chaos.proxy.ProxyClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The broker fault verbs without a broker: the commands they would run, the toxic bodies they send, how
 * {@code up --chaos-proxy} routes a child's conf, and the refusals (a remote broker, no proxy, no such child).
 */
class BrokerFaultCommandsTest {

  @TempDir
  Path dir;

  StateDir stack(String transportUrl, String extra) throws Exception {
    StateDir state = new StateDir(dir).create();
    Files.writeString(state.conf(), "[DEFAULT]\ntransport_url = " + transportUrl + "\n" + extra);
    return state;
  }

  @Test
  void aLocalRabbitMqIsStoppedAndStartedWithRabbitmqctl() throws Exception {
    BrokerControl control = BrokerControl.forStack(stack("rabbit://guest:guest@127.0.0.1:5672/v", ""));
    assertThat(control.kind()).isEqualTo(BrokerControl.Kind.LOCAL_RABBITMQ);
    assertThat(control.commands(false)).containsExactly(List.of("rabbitmqctl", "stop_app"));
    assertThat(control.commands(true)).containsExactly(List.of("rabbitmqctl", "start_app"),
        List.of("rabbitmqctl", "await_startup"));
    RabbitmqCtl ctl = RabbitmqCtl.DEFAULT;
    assertThat(ctl.closeConnectionCommand("<rabbit@h.1.2.3>", "why"))
        .containsExactly("rabbitmqctl", "close_connection", "<rabbit@h.1.2.3>", "why");
    assertThat(ctl.listConnectionsCommand()).contains("pid", "client_properties", "--no-table-headers");
  }

  @Test
  void aNodeOfItsOwnGetsDashN() throws Exception {
    BrokerControl control = BrokerControl.forStack(stack("rabbit://guest:guest@127.0.0.1:5999/v", ""),
        RabbitmqCtl.DEFAULT.onNode("mine@localhost"));
    assertThat(control.commands(false)).containsExactly(List.of("rabbitmqctl", "-n", "mine@localhost", "stop_app"));
    assertThat(control.commands(true)).first().isEqualTo(List.of("rabbitmqctl", "-n", "mine@localhost", "start_app"));
  }

  @Test
  void aRemoteBrokerIsRefused() throws Exception {
    StateDir state = stack("rabbit://guest:guest@192.0.2.10:5672/", "");
    assertThatThrownBy(() -> BrokerControl.forStack(state)).isInstanceOf(ChaosException.class)
        .hasMessageContaining("not on this machine");
  }

  @Test
  void theEmbeddedBrokerIsRecognisedAndAStoppedOneCannotBeStoppedAgain() throws Exception {
    StateDir state = stack("rabbit://cinder:x@127.0.0.1:25999/", "[oslo_messaging_rabbit]\nemulator_broker_profile = qpid\n");
    EmbeddedBrokerAccess.password(state).ensure();
    BrokerControl control = BrokerControl.forStack(state);
    assertThat(control.kind()).isEqualTo(BrokerControl.Kind.EMBEDDED);
    assertThatThrownBy(control::stop).isInstanceOf(ChaosException.class).hasMessageContaining("not running");
  }

  @Test
  void noStackNoProxyNoChildAreClearRefusals() {
    StateDir empty = new StateDir(dir.resolve("none"));
    assertThatThrownBy(() -> BrokerControl.forStack(empty)).hasMessageContaining("no stack");
    assertThatThrownBy(() -> ProxyClient.forStack(empty)).hasMessageContaining("up --chaos-proxy");
    assertThatThrownBy(() -> new ConnectionFault(empty).close("cinder-volume@node9", ConnectionFault.Via.SOCKET))
        .isInstanceOf(ChaosException.class).hasMessageContaining("no admin endpoint for cinder-volume@node9");
  }

  @Test
  void toxicAddSendsOnlyTheAttributesGiven() {
    CommandLine cmd = new CommandLine(new ChaosProxy());
    CommandLine.ParseResult parsed = cmd.parseArgs("toxic", "add", "cinder-volume", "--type", "latency",
        "--latency-ms", "250", "--jitter-ms", "20", "--stream", "upstream", "--toxicity", "0.5");
    ChaosProxyToxic.Add add = (ChaosProxyToxic.Add) parsed.subcommand().subcommand().commandSpec().userObject();
    assertThat(add.toxic()).isEqualTo(new JsonObject().put("type", "latency").put("stream", "upstream")
        .put("attributes", new JsonObject().put("latency", 250L).put("jitter", 20L)).put("toxicity", 0.5));
  }

  @Test
  void partitionIsOnOrOffAndCloseConnectionIsViaSocketOrRabbitmqctl() {
    CommandLine proxy = new CommandLine(new ChaosProxy());
    proxy.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    assertThat(proxy.execute("partition", "cinder-volume", "sideways", "--state-dir", dir.toString())).isNotZero();
    CommandLine broker = new CommandLine(new ChaosBroker());
    broker.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    assertThat(broker.execute("close-connection", "cinder-api", "--via", "carrier-pigeon", "--state-dir",
        dir.toString())).isNotZero();
  }

  @Test
  void upWithTheChaosProxyRoutesEachChildsConfThroughItsOwnProxy() throws Exception {
    StateDir state = stack("rabbit://guest:p%40ss@127.0.0.1:5672/vh", "host = lab\n");
    ChildSpec volume = new ChildSpec("cinder-volume@node1", List.of("java", "Main", "service", "cinder-volume",
        "--config", state.conf().toString(), "--name", "cinder-volume@node1"));
    ChaosProxyLaunch launch = new ChaosProxyLaunch(state, true);

    ChildSpec routed = launch.route(List.of(volume)).get(0);

    Path conf = Path.of(routed.command().get(5));
    assertThat(conf).isEqualTo(dir.resolve("chaos-proxy").resolve("cinder-volume@node1.conf"));
    CinderConf copy = CinderConf.load(conf);
    TransportUrl url = TransportUrl.parse(copy.get(RpcConfig.TRANSPORT_URL));
    assertThat(url.host()).isEqualTo("127.0.0.1");
    assertThat(url.port()).isNotEqualTo(5672);
    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(url.virtualHost()).isEqualTo("vh");
    assertThat(copy.getDefault("host", null)).isEqualTo("lab");
    JsonObject proxy = new JsonArray(Files.readString(dir.resolve("chaos-proxy").resolve("proxies.json")))
        .getJsonObject(0);
    assertThat(proxy).isEqualTo(new JsonObject().put("name", "cinder-volume@node1")
        .put("listen", "127.0.0.1:" + url.port()).put("upstream", "127.0.0.1:5672"));
    assertThat(launch.child().orElseThrow().command()).contains("proxy-server");
    assertThat(new ChaosProxyLaunch(state, false).route(List.of(volume))).containsExactly(volume);
    assertThat(new ChaosProxyLaunch(state, false).child()).isEmpty();
  }
}
