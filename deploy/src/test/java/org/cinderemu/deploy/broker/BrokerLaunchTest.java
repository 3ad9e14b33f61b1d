package org.cinderemu.deploy.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.BrokerProfile;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.StackConfig;
import org.cinderemu.deploy.StateDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `up` makes of its broker choice: the effective config, the child it starts, what it prints. */
class BrokerLaunchTest {

  @TempDir
  Path dir;

  @Test
  void theEmbeddedBrokerGetsItsOwnPortAPrivatePasswordAndTheQpidProfile() throws Exception {
    StateDir state = new StateDir(dir).create();
    CinderConf seed = StackConfig.loadBase(Optional.empty());
    BrokerLaunch launch = BrokerLaunch.choose(BrokerMode.EMBEDDED, seed, state);

    StackConfig stack = launch.configure(StackConfig.derive(seed, state, null));

    TransportUrl url = stack.transportUrl();
    String password = Files.readString(dir.resolve("cinder-broker.password")).strip();
    assertThat(url.host()).isEqualTo("127.0.0.1");
    assertThat(url.port()).isNotEqualTo(TransportUrl.DEFAULT_PORT);
    assertThat(url.user()).isEqualTo("cinder");
    assertThat(url.password()).isEqualTo(password).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cinder-broker.password"))))
        .isEqualTo("rw-------");
    assertThat(RpcConfig.from(stack.conf()).brokerProfile()).isEqualTo(BrokerProfile.QPID);

    assertThat(launch.children()).singleElement().satisfies(child -> {
      assertThat(child.name()).isEqualTo("cinder-broker");
      assertThat(child.command()).containsSequence("broker-server", "--state-dir", state.root().toString(),
          "--port", Integer.toString(url.port()));
      assertThat(String.join(" ", child.command())).doesNotContain(password);
    });
    assertThat(launch.describe(stack))
        .startsWith("broker: embedded Qpid Broker-J on 127.0.0.1:" + url.port() + " (--broker embedded)\n")
        .contains("x-expires", "x-message-ttl", "expiration", "consumer-cancel", "quorum", "management API",
            "docs/embedded-broker.md")
        .doesNotContain(password);
  }

  @Test
  void anExternalBrokerLeavesTheConfigAsItWas() {
    StateDir state = new StateDir(dir).create();
    CinderConf given = CinderConf.empty().with(RpcConfig.TRANSPORT_URL, "rabbit://u:secret@mq.example:5672/c");
    BrokerLaunch launch = BrokerLaunch.choose(BrokerMode.AUTO, given, state);
    StackConfig derived = StackConfig.derive(given, state, null);

    assertThat(launch.embedded()).isFalse();
    assertThat(launch.configure(derived)).isEqualTo(derived);
    assertThat(launch.children()).isEmpty();
    assertThat(launch.describe(derived)).isEqualTo(
        "broker: RabbitMQ at rabbit://u:***@mq.example:5672/c (transport_url of the config)");
    assertThat(dir.resolve("cinder-broker.password")).doesNotExist();
  }

  @Test
  void theChildRunsOnThisClassPath() {
    StateDir state = new StateDir(dir).create();
    ChildSpec child = BrokerLaunch.choose(BrokerMode.EMBEDDED, CinderConf.empty(), state).children().get(0);
    assertThat(child.command()).contains(System.getProperty("java.class.path"), "org.cinderemu.deploy.CinderEmu");
  }
}
