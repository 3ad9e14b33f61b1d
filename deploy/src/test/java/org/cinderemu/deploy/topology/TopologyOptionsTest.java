package org.cinderemu.deploy.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `up`'s topology flags, parsed by picocli as `up` parses them, into the Topology model. */
class TopologyOptionsTest {

  @Command
  static final class Up {
    @Mixin
    TopologyOptions topology;
  }

  static TopologyOptions parse(String... args) {
    Up up = new Up();
    new CommandLine(up).parseArgs(args);
    return up.topology;
  }

  static Topology topology(String... args) {
    return parse(args).topology().orElseThrow();
  }

  @Test
  void noOptionMeansTheConfigFilesOwnServices() {
    assertThat(parse().topology()).isEmpty();
    assertThat(parse("--in-process").topology()).isEmpty();
  }

  @Test
  void threeHostsOfTwoBackendsOfTwoPoolsAreTwelvePoolsOnSixBackends() {
    Topology t = topology("--hosts", "3", "--backends-per-host", "2", "--pools-per-backend", "2");

    assertThat(t.hosts()).extracting(HostSpec::name).containsExactly("node1", "node2", "node3");
    assertThat(t.hosts()).allSatisfy(h -> assertThat(h.backends()).extracting(BackendSpec::name)
        .containsExactly("b1", "b2"));
    assertThat(t.poolHosts()).hasSize(12).doesNotHaveDuplicates()
        .startsWith("node1@b1#pool1", "node1@b1#pool2", "node1@b2#pool1")
        .endsWith("node3@b2#pool2");
    BackendSpec b = t.hosts().get(0).backends().get(0);
    assertThat(b.volumeBackendName()).isEqualTo("b1");
    assertThat(b.thin()).isFalse();
    assertThat(b.pools()).extracting(PoolSpec::totalCapacityGb).containsOnly(TopologyShape.DEFAULT_POOL_CAPACITY_GB);
    // the seed lab's way: one cinder-backup, on the controller
    assertThat(t.controllerBackup()).isTrue();
    assertThat(t.hosts()).noneMatch(HostSpec::backup);
  }

  @Test
  void zonesGoRoundRobinOverHostsProvisioningOverBackendsCapacitiesOverPools() {
    Topology t = topology("--hosts", "3", "--backends-per-host", "3", "--pools-per-backend", "3",
        "--zones", "az1,az2", "--provisioning", "thin,thick", "--pool-capacity-gb", "100,250.5");

    assertThat(t.hosts()).extracting(h -> h.zone().orElseThrow()).containsExactly("az1", "az2", "az1");
    assertThat(t.hosts().get(1).backends()).extracting(BackendSpec::thin).containsExactly(true, false, true);
    assertThat(t.hosts().get(2).backends().get(1).pools()).extracting(PoolSpec::totalCapacityGb)
        .containsExactly(100.0, 250.5, 100.0);
  }

  @Test
  void thinThickAndTheBackendRatiosApplyToEveryBackend() {
    assertThat(topology("--hosts", "2", "--thin").hosts()).allSatisfy(h -> assertThat(h.backends())
        .allMatch(BackendSpec::thin));
    assertThat(topology("--hosts", "2", "--thick").hosts()).allSatisfy(h -> assertThat(h.backends())
        .noneMatch(BackendSpec::thin));
    BackendSpec b = topology("--hosts", "1", "--reserved-percentage", "10", "--max-over-subscription-ratio", "5")
        .hosts().get(0).backends().get(0);
    assertThat(b.reservedPercentage()).contains(10);
    assertThat(b.maxOverSubscriptionRatio()).contains(5.0);
    assertThat(topology("--hosts", "1").hosts().get(0).backends().get(0).maxOverSubscriptionRatio()).isEmpty();
  }

  @Test
  void backupPerHostOrNone() {
    Topology perHost = topology("--hosts", "2", "--backup-per-host");
    assertThat(perHost.hosts()).allMatch(HostSpec::backup);
    assertThat(perHost.controllerBackup()).isFalse();

    Topology none = topology("--hosts", "2", "--no-backup");
    assertThat(none.hosts()).noneMatch(HostSpec::backup);
    assertThat(none.controllerBackup()).isFalse();
  }

  @Test
  void anyShapeOptionAloneIsATopologyOfOneHost() {
    assertThat(topology("--zones", "az9").hosts()).singleElement()
        .satisfies(h -> assertThat(h.zone()).isEqualTo(Optional.of("az9")));
  }

  @Test
  void contradictionsAndNonsenseAreRefusedWithTheFlagNamed() {
    assertThatThrownBy(() -> topology("--hosts", "0")).isInstanceOf(TopologyException.class)
        .hasMessage("--hosts must be at least 1, not 0");
    assertThatThrownBy(() -> topology("--thin", "--thick")).hasMessage("give one of --thin, --thick and --provisioning");
    assertThatThrownBy(() -> topology("--backup-per-host", "--no-backup"))
        .hasMessage("give one of --backup-per-host and --no-backup");
    assertThatThrownBy(() -> topology("--provisioning", "thin,fat"))
        .hasMessage("provisioning 'fat' is neither thin nor thick");
    assertThatThrownBy(() -> topology("--pool-capacity-gb", "-5")).hasMessageContaining("is not a size");
    assertThatThrownBy(() -> topology("--topology", "t.ini", "--hosts", "2"))
        .hasMessageStartingWith("--topology describes the whole topology");
  }

  @Test
  void theShapeModelIsTheSameWithoutPicocli() {
    TopologyShape shape = new TopologyShape(2, 1, 1, List.of(), List.of(), List.of(), TopologyShape.Backup.NONE,
        Optional.empty(), Optional.empty());
    assertThat(shape.toTopology()).isEqualTo(topology("--hosts", "2", "--no-backup"));
  }
}
