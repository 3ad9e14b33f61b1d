package org.cinderemu.deploy.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.cinderemu.api.core.ApiOptions;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.volume.driver.BackendConfig;
import org.cinderemu.volume.driver.PoolConfig;
import org.junit.jupiter.api.Test;

/** Each emulated host's cinder.conf, read back the way its cinder-volume reads it. */
class HostConfsTest {

  static final CinderConf BASE = CinderConf.parse(String.join("\n",
      "[DEFAULT]",
      "transport_url = rabbit://u:p@127.0.0.1:5672/lab",
      "state_path = /tmp/state",
      "enabled_backends = lvmdriver-1",
      "report_interval = 3",
      "[database]",
      "connection = jdbc:h2:tcp://127.0.0.1:9092/cinder",
      "[backend_defaults]",
      "emulator_create_latency_ms = 20",
      "[lvmdriver-1]",
      "volume_backend_name = lvmdriver-1", ""));

  static Topology shape(String... args) {
    return TopologyOptionsTest.topology(args);
  }

  @Test
  void aHostKeepsTheStacksOptionsWithItsOwnHostZoneAndBackends() {
    Topology t = shape("--hosts", "3", "--backends-per-host", "2", "--pools-per-backend", "2", "--zones",
        "az1,az2", "--provisioning", "thin,thick", "--pool-capacity-gb", "100,300");
    CinderConf node2 = HostConfs.host(BASE, t.hosts().get(1));

    assertThat(node2.get(ServiceOptions.HOST)).isEqualTo("node2");
    assertThat(node2.get(ServiceOptions.STORAGE_AVAILABILITY_ZONE)).isEqualTo("az2");
    assertThat(node2.get(BackendConfig.ENABLED_BACKENDS)).containsExactly("b1", "b2");
    // what every machine shares: the broker, the database, the state directory, the other options
    assertThat(node2.get(RpcConfig.TRANSPORT_URL)).isEqualTo("rabbit://u:p@127.0.0.1:5672/lab");
    assertThat(node2.get(DatabaseUrl.CONNECTION)).isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/cinder");
    assertThat(node2.get(ServiceOptions.STATE_PATH)).isEqualTo("/tmp/state");
    assertThat(node2.get(ServiceOptions.REPORT_INTERVAL)).isEqualTo(3);
    // the base file's own backend is not this host's
    assertThat(node2.hasSection("lvmdriver-1")).isFalse();

    BackendConfig b1 = BackendConfig.from(node2, "b1");
    assertThat(b1.volumeBackendName()).isEqualTo("b1");
    assertThat(b1.availabilityZone()).isEqualTo("az2");
    assertThat(b1.createLatencyMs()).as("[backend_defaults] still applies").isEqualTo(20);
    assertThat(b1.pools()).extracting(PoolConfig::name).containsExactly("pool1", "pool2");
    assertThat(b1.pools()).extracting(PoolConfig::totalCapacityGb).containsExactly(100.0, 300.0);
    assertThat(b1.pools()).allMatch(PoolConfig::thinProvisioning);
    assertThat(b1.pools()).extracting(PoolConfig::maxOverSubscriptionRatio).containsOnly(20.0);
    BackendConfig b2 = BackendConfig.from(node2, "b2");
    assertThat(b2.pools()).noneMatch(PoolConfig::thinProvisioning);
    assertThat(b2.pools()).extracting(PoolConfig::maxOverSubscriptionRatio).containsOnly(1.0);
  }

  @Test
  void ratiosAndBackendZonesAreWrittenWhenGiven() {
    BackendSpec b = new BackendSpec("fast", "ssd", List.of(new PoolSpec("p", 50)), true,
        Optional.of(15), Optional.of(4.5), Optional.of("az-fast"));
    CinderConf conf = HostConfs.host(BASE, new HostSpec("n1", Optional.empty(), List.of(b), false));

    BackendConfig read = BackendConfig.from(conf, "fast");
    assertThat(read.volumeBackendName()).isEqualTo("ssd");
    assertThat(read.availabilityZone()).isEqualTo("az-fast");
    assertThat(read.pools()).singleElement().satisfies(p -> {
      assertThat(p.reservedPercentage()).isEqualTo(15);
      assertThat(p.maxOverSubscriptionRatio()).isEqualTo(4.5);
      assertThat(p.totalCapacityGb()).isEqualTo(50.0);
    });
    assertThat(conf.find(ServiceOptions.STORAGE_AVAILABILITY_ZONE)).isEmpty();
  }

  @Test
  void aBackupOnlyHostHasNoEnabledBackends() {
    CinderConf conf = HostConfs.host(BASE, new HostSpec("bk", Optional.empty(), List.of(), true));
    assertThat(conf.find(BackendConfig.ENABLED_BACKENDS)).isEmpty();
    assertThat(conf.get(ServiceOptions.HOST)).isEqualTo("bk");
  }

  @Test
  void theControllerGetsTheFirstZoneAsDefaultUnlessTheConfigSetsOne() {
    assertThat(HostConfs.controller(BASE, shape("--hosts", "2", "--zones", "az1,az2"))
        .get(ApiOptions.DEFAULT_AVAILABILITY_ZONE)).isEqualTo("az1");
    CinderConf own = BASE.with(ApiOptions.DEFAULT_AVAILABILITY_ZONE, "az2");
    assertThat(HostConfs.controller(own, shape("--hosts", "2", "--zones", "az1,az2"))
        .get(ApiOptions.DEFAULT_AVAILABILITY_ZONE)).isEqualTo("az2");
    assertThat(HostConfs.controller(BASE, shape("--hosts", "2")).find(ApiOptions.DEFAULT_AVAILABILITY_ZONE))
        .isEmpty();
  }

  @Test
  void aSharedBackendHostWouldMergeTheHostsAndIsRefused() {
    CinderConf shared = BASE.with(BackendConfig.BACKEND_HOST, "one");
    assertThatThrownBy(() -> HostConfs.host(shared, shape("--hosts", "2").hosts().get(0)))
        .isInstanceOf(TopologyException.class).hasMessageContaining("backend_host");
  }
}
