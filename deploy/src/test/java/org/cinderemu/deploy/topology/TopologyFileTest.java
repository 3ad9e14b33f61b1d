package org.cinderemu.deploy.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cinderemu.common.config.CinderConf;
import org.junit.jupiter.api.Test;

/** The --topology file: the shipped example, and the mistakes it refuses. */
class TopologyFileTest {

  static final Path EXAMPLE = Path.of("conf", "topology-example.ini");

  static Topology parse(String... lines) {
    return TopologyFile.parse(CinderConf.parse(String.join("\n", lines) + "\n"), "t.ini");
  }

  @Test
  void theShippedExampleDescribesItsHostsBackendsAndPools() {
    Topology t = TopologyFile.load(EXAMPLE);

    assertThat(t.controllerBackup()).isFalse();
    assertThat(t.hosts()).extracting(HostSpec::name).containsExactly("node1", "node2", "backup1");
    assertThat(t.hosts()).extracting(HostSpec::backup).containsExactly(true, false, true);
    assertThat(t.hosts()).extracting(h -> h.zone().orElseThrow()).containsExactly("az1", "az2", "az2");
    assertThat(t.hosts().get(2).backends()).isEmpty();
    assertThat(t.poolHosts()).containsExactly("node1@lvm-1#fast", "node1@lvm-1#slow", "node1@lvm-2#lvm",
        "node2@lvm-1#lvm", "node2@ceph#rbd-a", "node2@ceph#rbd-b", "node2@ceph#rbd-c");

    BackendSpec lvm1 = t.hosts().get(0).backends().get(0);
    assertThat(lvm1.pools()).containsExactly(new PoolSpec("fast", 500), new PoolSpec("slow", 4000));
    assertThat(lvm1.reservedPercentage()).contains(5);
    assertThat(lvm1.thin()).isFalse();
    BackendSpec lvm2 = t.hosts().get(0).backends().get(1);
    assertThat(lvm2.thin()).isTrue();
    assertThat(lvm2.maxOverSubscriptionRatio()).contains(10.0);
    BackendSpec ceph = t.hosts().get(1).backends().get(1);
    assertThat(ceph.availabilityZone()).contains("az2-ceph");
  }

  @Test
  void docsTopologyShowsTheShippedExampleAsItIs() throws Exception {
    assertThat(Files.readString(Path.of("..", "docs", "topology.md"))).contains(Files.readString(EXAMPLE));
  }

  @Test
  void aBackendWithoutSectionGetsTheDriversDefaults() {
    Topology t = parse("[n1]", "enabled_backends = lvm");
    assertThat(t.hosts().get(0).backends()).containsExactly(new BackendSpec("lvm", "lvm",
        List.of(new PoolSpec("lvm", TopologyShape.DEFAULT_POOL_CAPACITY_GB)), false, Optional.empty(),
        Optional.empty(), Optional.empty()));
    // no host runs a backup service: the controller runs one, as with the flags
    assertThat(t.controllerBackup()).isTrue();
  }

  @Test
  void theFileAndTheFlagsGiveTheSameModel() {
    Topology fromFile = parse("[node1]", "enabled_backends = b1",
        "[node1/b1]", "emulator_pools = pool1, pool2", "emulator_thin_provisioning = true",
        "[node2]", "enabled_backends = b1",
        "[node2/b1]", "emulator_pools = pool1, pool2", "emulator_thin_provisioning = true");
    assertThat(fromFile).isEqualTo(TopologyOptionsTest.topology("--hosts", "2", "--pools-per-backend", "2",
        "--thin"));
  }

  @Test
  void mistakesAreRefusedNamingTheFileSectionAndKey() {
    assertThatThrownBy(() -> parse("[n1]", "enabled_backend = lvm")).isInstanceOf(TopologyException.class)
        .hasMessageStartingWith("t.ini: [n1] enabled_backend is not a topology setting; allowed here: ");
    assertThatThrownBy(() -> parse("[n1]", "enabled_backends = lvm", "[n1/lvm]", "emulator_pool_other_total_capacity_gb = 3"))
        .hasMessageContaining("[n1/lvm] emulator_pool_other_total_capacity_gb is not a topology setting");
    assertThatThrownBy(() -> parse("[n1]", "enabled_backends = lvm", "[n2/lvm]"))
        .hasMessage("t.ini: [n2/lvm] is no backend of the topology: its host section must list it in "
            + "enabled_backends");
    assertThatThrownBy(() -> parse("[n1]", "enabled_backends = lvm", "backup = maybe"))
        .hasMessageStartingWith("t.ini: [n1] backup = maybe: not a boolean");
    assertThatThrownBy(() -> parse("[n1]", "enabled_backends = lvm", "[n1/lvm]", "reserved_percentage = 101"))
        .hasMessageContaining("[n1/lvm] reserved_percentage = 101");
    assertThatThrownBy(() -> parse("[DEFAULT]", "host = x", "[n1]", "enabled_backends = lvm"))
        .hasMessageStartingWith("t.ini: [DEFAULT]: a topology file has [controller]");
    assertThatThrownBy(() -> parse("[n1]")).hasMessage("host n1 runs nothing: give it a backend or a backup service");
    assertThatThrownBy(() -> parse("[controller]", "backup = yes")).hasMessageContaining("no [<host>] section");
    assertThatThrownBy(() -> parse("[n@1]", "backup = yes")).hasMessageContaining("host name 'n@1' must be");
    assertThatThrownBy(() -> TopologyFile.load(Path.of("no-such-topology.ini")))
        .hasMessageStartingWith("cannot read topology file no-such-topology.ini");
  }
}
