package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

  @TempDir
  Path dir;

  @Test
  void theSeedLabShipsTwoBackendsAndLeavesHostUnset() {
    CinderConf seed = StackConfig.loadBase(Optional.empty());

    assertThat(seed.getList("DEFAULT", "enabled_backends", List.of())).containsExactly("lvmdriver-1", "whatever_it_is");
    assertThat(seed.get("lvmdriver-1", "volume_backend_name")).hasValue("lvmdriver-1");
    assertThat(seed.get("whatever_it_is", "volume_backend_name")).hasValue("new_lvm_backend");
    assertThat(seed.get("DEFAULT", "transport_url")).as("unset, so that up may choose its broker").isEmpty();
    assertThat(seed.get("DEFAULT", "osapi_volume_listen")).hasValue("127.0.0.1");
    assertThat(seed.getInt("DEFAULT", "osapi_volume_listen_port", 0)).isEqualTo(8776);
    assertThat(seed.get("DEFAULT", "host")).isEmpty();
  }

  @Test
  void derivingPointsStatePathAtTheStateDirAndKeepsThePortByDefault() {
    StateDir state = new StateDir(dir.resolve("s1"));
    StackConfig stack = StackConfig.derive(StackConfig.loadBase(Optional.empty()), state, null);

    assertThat(stack.conf().get("DEFAULT", "state_path")).hasValue(state.root().toString());
    assertThat(stack.apiPort()).isEqualTo(8776);
    assertThat(stack.apiUrl()).isEqualTo("http://127.0.0.1:8776/v3");
  }

  @Test
  void deliveryModeGoesIntoTheConfAndEveryHostsConfDerivedFromIt() {
    StackConfig stack = StackConfig.derive(StackConfig.loadBase(Optional.empty()), new StateDir(dir), null)
        .withDeliveryMode("reliable");

    assertThat(stack.conf().get("oslo_messaging_rabbit", "emulator_delivery_mode")).hasValue("reliable");
    assertThat(org.cinderemu.deploy.topology.HostConfs.host(stack.conf(),
        new org.cinderemu.deploy.topology.HostSpec("node1", Optional.empty(), List.of(), true))
        .get("oslo_messaging_rabbit", "emulator_delivery_mode")).hasValue("reliable");
    assertThat(StackConfig.derive(StackConfig.loadBase(Optional.empty()), new StateDir(dir), null)
        .withDeliveryMode(null).conf().get("oslo_messaging_rabbit", "emulator_delivery_mode")).isEmpty();
    assertThatThrownBy(() -> StackConfig.derive(StackConfig.loadBase(Optional.empty()), new StateDir(dir), null)
        .withDeliveryMode("at-most-twice")).isInstanceOf(LaunchException.class).hasMessageContaining("--delivery-mode");
  }

  @Test
  void theApiPortOptionOverridesTheConfig() {
    StackConfig stack = StackConfig.derive(StackConfig.loadBase(Optional.empty()), new StateDir(dir), 18776);

    assertThat(stack.conf().get("DEFAULT", "osapi_volume_listen_port")).hasValue("18776");
    assertThat(stack.apiUrl()).isEqualTo("http://127.0.0.1:18776/v3");
  }

  @Test
  void anOperatorFileIsUsedAndItsStatePathReplaced() throws Exception {
    Path file = dir.resolve("my.conf");
    Files.writeString(file, """
        [DEFAULT]
        state_path = /var/lib/cinder
        enabled_backends = lvm
        transport_url = rabbit://u:secret@b1:5673,u:secret@b2/cinder

        [database]
        connection = mysql+pymysql://root:pw@127.0.0.1/cinder
        """);
    StateDir state = new StateDir(dir.resolve("state"));
    StackConfig stack = StackConfig.derive(StackConfig.loadBase(Optional.of(file)), state, null);

    assertThat(stack.conf().get("DEFAULT", "state_path")).hasValue(state.root().toString());
    assertThat(stack.apiUrl()).isEqualTo("http://127.0.0.1:8776/v3");  // Cinder's 0.0.0.0 default via loopback
    assertThat(stack.transportUrl().brokers()).extracting(Object::toString).containsExactly("b1:5673", "b2:5672");
    assertThat(stack.database()).isEqualTo("mysql+pymysql://root:***@127.0.0.1/cinder");
    assertThat(stack.endpoints()).contains("rabbit://u:***@b1:5673,u:***@b2/cinder").doesNotContain("secret");
  }

  @Test
  void theWrittenConfigIsWhatTheChildrenRead() throws Exception {
    StateDir state = new StateDir(dir).create();
    StackConfig stack = StackConfig.derive(StackConfig.loadBase(Optional.empty()), state, 9999);

    CinderConf reread = CinderConf.load(stack.write());

    assertThat(reread.get("DEFAULT", "state_path")).hasValue(state.root().toString());
    assertThat(reread.getInt("DEFAULT", "osapi_volume_listen_port", 0)).isEqualTo(9999);
    assertThat(reread.section("whatever_it_is")).isEqualTo(stack.conf().section("whatever_it_is"));
    assertThat(stack.database()).contains("H2 under " + state.root());
  }

  @Test
  void theWrittenConfigIsReadableByItsOwnerOnly() throws Exception {
    StateDir state = new StateDir(dir).create();
    Files.writeString(state.conf(), "# an older launcher's, world-readable\n");
    StackConfig stack = StackConfig.derive(StackConfig.loadBase(Optional.empty()), state, null);

    Path written = stack.write();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
  }

  @Test
  void theDatabasePasswordIsMaskedInWhatUpPrints() {
    StackConfig stack = StackConfig.derive(StackConfig.loadBase(Optional.empty()), new StateDir(dir), null)
        .withDatabase(DbServerCommand.connectionUrl(20001, "c0ffee".repeat(10)));

    assertThat(stack.endpoints()).contains("jdbc:h2:tcp://127.0.0.1:20001/cinder").doesNotContain("c0ffee");
  }

  @Test
  void aMissingConfigFileIsAClearError() {
    assertThatThrownBy(() -> StackConfig.loadBase(Optional.of(dir.resolve("nope.conf"))))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("nope.conf");
  }
}
