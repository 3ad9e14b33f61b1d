package org.cinderemu.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cinderemu.scheduler.TestPools.REPORT_TS;
import static org.cinderemu.scheduler.TestPools.pool;
import static org.cinderemu.scheduler.TestPools.report;
import static org.cinderemu.scheduler.TestPools.svc;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.cinderemu.scheduler.SchedulerOptions;
import org.cinderemu.scheduler.TestPools;
import org.cinderemu.scheduler.TestPools.MutableClock;
import org.junit.jupiter.api.Test;

class HostManagerTest {

  private final MutableClock clock = new MutableClock(TestPools.NOW);
  private final HostManager hm = new HostManager(SchedulerOptions.defaults(), clock);

  // the captured fanout of emu-lab@lvmdriver-1 (message 20)
  private static final JsonObject LVMDRIVER_1 = new JsonObject("""
      {"volume_backend_name": "lvmdriver-1", "vendor_name": "Open Source", "driver_version": "1.0.0",
       "storage_protocol": "local",
       "pools": [{"pool_name": "lvmdriver-1", "total_capacity_gb": 1000, "free_capacity_gb": 1000,
                  "allocated_capacity_gb": 0, "provisioned_capacity_gb": 0, "reserved_percentage": 0,
                  "max_over_subscription_ratio": 1.0, "thin_provisioning_support": false,
                  "thick_provisioning_support": true, "QoS_support": false, "multiattach": true,
                  "filter_function": null, "goodness_function": null, "consistencygroup_support": false,
                  "replication_enabled": false}],
       "filter_function": null, "goodness_function": null}""");

  // what the captured get_pools reply (message 04) said about that pool
  private static final JsonObject LVMDRIVER_1_POOL_CAPS = new JsonObject("""
      {"pool_name": "lvmdriver-1", "total_capacity_gb": 1000, "free_capacity_gb": 1000,
       "allocated_capacity_gb": 0, "provisioned_capacity_gb": 0, "reserved_percentage": 0,
       "max_over_subscription_ratio": 1.0, "thin_provisioning_support": false,
       "thick_provisioning_support": true, "QoS_support": false, "multiattach": true,
       "filter_function": null, "goodness_function": null, "consistencygroup_support": false,
       "replication_enabled": false, "volume_backend_name": "lvmdriver-1", "storage_protocol": "local",
       "vendor_name": "Open Source", "driver_version": "1.0.0", "timestamp": "2026-11-25T13:04:58.973778"}""");

  @Test
  void poolsComeFromTheReportAndTheServiceHost() {
    assertThat(hm.updateServiceCapabilities("volume", "emu-lab@lvmdriver-1", null, LVMDRIVER_1, REPORT_TS)).isTrue();
    List<PoolState> pools = hm.backends(List.of(svc("emu-lab@lvmdriver-1", "nova")));
    assertThat(pools).hasSize(1);
    PoolState p = pools.get(0);
    assertThat(p.host()).isEqualTo("emu-lab@lvmdriver-1#lvmdriver-1");
    assertThat(p.clusterName()).isNull();
    assertThat(p.backendId()).isEqualTo("emu-lab@lvmdriver-1#lvmdriver-1");
    assertThat(p.poolName()).isEqualTo("lvmdriver-1");
    assertThat(p.totalCapacityGb()).isEqualTo(Capacity.of(1000));
    assertThat(p.freeCapacityGb()).isEqualTo(Capacity.of(1000));
    assertThat(p.thickProvisioningSupport()).isTrue();
    assertThat(p.multiattach()).isTrue();
    assertThat(p.capabilities()).isEqualTo(LVMDRIVER_1_POOL_CAPS);
    // key order matters to anyone diffing against the capture
    assertThat(p.capabilities().fieldNames()).containsExactlyElementsOf(LVMDRIVER_1_POOL_CAPS.fieldNames());
  }

  @Test
  void getPoolsAnswersLikeTheCapture() {
    hm.updateServiceCapabilities("volume", "emu-lab@lvmdriver-1", null, LVMDRIVER_1, REPORT_TS);
    assertThat(hm.getPools(List.of(svc("emu-lab@lvmdriver-1", "nova")), new JsonObject(), null))
        .containsExactly(new JsonObject()
        .put("name", "emu-lab@lvmdriver-1#lvmdriver-1").put("capabilities", LVMDRIVER_1_POOL_CAPS));
  }

  @Test
  void olderReportsAreIgnored() {
    hm.updateServiceCapabilities("volume", "n@b", null, report("b", pool("b", 100, 100)), "2026-11-25T13:04:58.5");
    assertThat(hm.updateServiceCapabilities("volume", "n@b", null, report("b", pool("b", 100, 10)),
        "2026-11-25T13:04:58.499999")).isFalse();
    assertThat(hm.backends(List.of(svc("n@b", "nova"))).get(0).freeCapacityGb()).isEqualTo(Capacity.of(100));
    assertThat(hm.serviceState("n@b").orElseThrow().capabilities().getString("timestamp"))
        .isEqualTo("2026-11-25T13:04:58.500000");
    // the same time is not older
    assertThat(hm.updateServiceCapabilities("volume", "n@b", null, report("b", pool("b", 100, 20)),
        "2026-11-25T13:04:58.500000")).isTrue();
    assertThat(hm.backends(List.of(svc("n@b", "nova"))).get(0).freeCapacityGb()).isEqualTo(Capacity.of(20));
  }

  @Test
  void onlyVolumeAndBackupReportsAreAccepted() {
    assertThat(hm.updateServiceCapabilities("scheduler", "n", null, new JsonObject(), REPORT_TS)).isFalse();
    assertThat(hm.updateServiceCapabilities("backup", "emu-lab", null, new JsonObject()
        .put("backend_state", true).put("driver_name", "cinder.backup.drivers.posix.PosixBackupDriver")
        .put("availability_zone", "nova"), "2026-11-25T13:07:08.481477")).isTrue();
    assertThat(hm.hasReported("emu-lab")).isFalse();
    assertThat(hm.backupServiceStates()).containsOnlyKeys("emu-lab");
    assertThat(hm.backupServiceStates().get("emu-lab").containsKey("timestamp")).isFalse();
    assertThat(hm.updateServiceCapabilities("backup", "emu-lab", null, new JsonObject().put("backend_state", false),
        "2026-11-25T13:07:08.000000")).isFalse();
    assertThat(hm.backupServiceStates().get("emu-lab").getBoolean("backend_state")).isTrue();
  }

  @Test
  void legacyReportsWithoutPoolsGetOnePool() {
    JsonObject legacy = new JsonObject().put("volume_backend_name", "old").put("total_capacity_gb", 50)
        .put("free_capacity_gb", 40).put("storage_protocol", "iSCSI");
    hm.updateServiceCapabilities("volume", "n@old", null, legacy, REPORT_TS);
    JsonObject unnamed = legacy.copy();
    unnamed.remove("volume_backend_name");
    hm.updateServiceCapabilities("volume", "n@anon", null, unnamed, REPORT_TS);
    List<PoolState> pools = hm.backends(List.of(svc("n@old", "nova"), svc("n@anon", "nova")));
    assertThat(pools).extracting(PoolState::host).containsExactly("n@old#old", "n@anon#_pool0");
    assertThat(pools.get(0).freeCapacityGb()).isEqualTo(Capacity.of(40));
    assertThat(pools.get(0).capabilities().getString("timestamp")).isEqualTo(REPORT_TS);
  }

  @Test
  void poolsNoLongerReportedAreDropped() {
    hm.updateServiceCapabilities("volume", "n@b", null, report("b", pool("p1", 1, 1), pool("p2", 1, 1)), REPORT_TS);
    assertThat(hm.backends(List.of(svc("n@b", "z")))).extracting(PoolState::poolName).containsExactly("p1", "p2");
    hm.updateServiceCapabilities("volume", "n@b", null, report("b", pool("p2", 1, 1)), "2026-11-25T13:05:58.0");
    assertThat(hm.backends(List.of(svc("n@b", "z")))).extracting(PoolState::poolName).containsExactly("p2");
  }

  @Test
  void onlyListedServicesAreScheduledTo() {
    hm.updateServiceCapabilities("volume", "n@a", null, report("a", pool("a", 1, 1)), REPORT_TS);
    hm.updateServiceCapabilities("volume", "n@b", null, report("b", pool("b", 1, 1)), REPORT_TS);
    assertThat(hm.backends(List.of(svc("n@a", "z"), svc("n@b", "z")))).hasSize(2);
    // n@b went down or was disabled: the caller no longer lists it
    assertThat(hm.backends(List.of(svc("n@a", "z")))).extracting(PoolState::host).containsExactly("n@a#a");
    assertThat(hm.backendStates()).containsOnlyKeys("n@a");
    assertThat(hm.getPools(null, null)).extracting(p -> p.getString("name")).containsExactly("n@a#a");
  }

  @Test
  void clustersAreKeyedByClusterNameAndRepresentedByTheirFirstMember() {
    hm.updateServiceCapabilities("volume", "node1@lvm", "ha@lvm", report("lvm", pool("lvm", 10, 10)), REPORT_TS);
    List<PoolState> pools = hm.backends(List.of(
        new ActiveVolumeService("node1@lvm", "ha@lvm", "nova"),
        new ActiveVolumeService("node2@lvm", "ha@lvm", "nova")));
    assertThat(pools).hasSize(1);
    assertThat(pools.get(0).host()).isEqualTo("node1@lvm#lvm");
    assertThat(pools.get(0).clusterName()).isEqualTo("ha@lvm#lvm");
    assertThat(pools.get(0).backendId()).isEqualTo("ha@lvm#lvm");
    assertThat(hm.hasReported("ha@lvm")).isTrue();
    assertThat(hm.getPools(null, null).get(0).getString("name")).isEqualTo("ha@lvm#lvm");
  }

  @Test
  void aServiceJustMovedIntoAClusterIsFoundUnderItsHost() {
    hm.updateServiceCapabilities("volume", "node1@lvm", null, report("lvm", pool("lvm", 10, 10)), REPORT_TS);
    List<PoolState> pools = hm.backends(List.of(new ActiveVolumeService("node1@lvm", "ha@lvm", "nova")));
    assertThat(pools).extracting(PoolState::backendId).containsExactly("ha@lvm#lvm");
  }

  @Test
  void unreportedBackendsAreSkippedAndTracked() {
    List<ActiveVolumeService> services = List.of(svc("n@a", "z"), svc("n@b", "z"));
    hm.updateServiceCapabilities("volume", "n@a", null, report("a", pool("a", 1, 1)), REPORT_TS);
    assertThat(hm.notYetReported(services)).containsExactly("n@b");
    assertThat(hm.backends(services)).extracting(PoolState::host).containsExactly("n@a#a");
    assertThat(hm.hasAllCapabilities()).isFalse();
    hm.updateServiceCapabilities("volume", "n@b", null, report("b", pool("b", 1, 1)), REPORT_TS);
    assertThat(hm.hasReported("n@b")).isTrue();
    assertThat(hm.hasAllCapabilities()).isTrue();
    assertThat(hm.notYetReported(services)).isEmpty();
  }

  @Test
  void localConsumptionLastsUntilANewerReport() {
    hm.updateServiceCapabilities("volume", "n@a", null, report("a", pool("a", 100, 100)), REPORT_TS);
    List<ActiveVolumeService> services = List.of(svc("n@a", "z"));
    hm.backends(services).get(0).consumeFromVolume(10);
    PoolState again = hm.backends(services).get(0);
    assertThat(again.freeCapacityGb()).isEqualTo(Capacity.of(90));
    assertThat(again.allocatedCapacityGb()).isEqualTo(10.0);
    assertThat(again.provisionedCapacityGb()).isEqualTo(10.0);
    // a report made before the consumption does not undo it
    hm.updateServiceCapabilities("volume", "n@a", null, report("a", pool("a", 100, 100)), "2026-11-25T13:04:59.0");
    assertThat(hm.backends(services).get(0).freeCapacityGb()).isEqualTo(Capacity.of(90));
    // one made afterwards replaces it
    clock.set(Instant.parse("2026-11-25T13:06:00Z"));
    hm.updateServiceCapabilities("volume", "n@a", null, report("a", pool("a", 100, 95)), "2026-11-25T13:06:00.5");
    assertThat(hm.backends(services).get(0).freeCapacityGb()).isEqualTo(Capacity.of(95));
  }

  @Test
  void consumptionLeavesInfiniteSpaceAlone() {
    hm.updateServiceCapabilities("volume", "n@a", null, report("a", pool("a", 100, "infinite")), REPORT_TS);
    PoolState p = hm.backends(List.of(svc("n@a", "z"))).get(0);
    p.consumeFromVolume(10);
    assertThat(p.freeCapacityGb()).isEqualTo(Capacity.INFINITE);
    assertThat(p.allocatedCapacityGb()).isEqualTo(10.0);
  }

  @Test
  void revertGivesBackWhatAFailedAttemptTook() {
    hm.updateServiceCapabilities("volume", "n@a", null, report("a", pool("a", 100, 100)), REPORT_TS);
    List<ActiveVolumeService> services = List.of(svc("n@a", "z"));
    hm.backends(services).get(0).consumeFromVolume(10);
    hm.revertVolumeConsumedCapacity("n@a#a", 10);
    hm.revertVolumeConsumedCapacity("n@a#other", 10);
    PoolState p = hm.backends(services).get(0);
    assertThat(p.freeCapacityGb()).isEqualTo(Capacity.of(100));
    assertThat(p.allocatedCapacityGb()).isEqualTo(0.0);
  }

  @Test
  void getPoolsFiltersByNameAndCapabilities() {
    hm.updateServiceCapabilities("volume", "emu-lab@lvmdriver-1", null,
        report("lvmdriver-1", pool("lvmdriver-1", 1000, 1000)), REPORT_TS);
    hm.updateServiceCapabilities("volume", "emu-lab@whatever_it_is", null,
        report("new_lvm_backend", pool("new_lvm_backend", 500, 500).put("multiattach", false)), REPORT_TS);
    hm.backends(List.of(svc("emu-lab@lvmdriver-1", "nova"), svc("emu-lab@whatever_it_is", "nova")));

    assertThat(names(hm.getPools(null, null)))
        .containsExactly("emu-lab@lvmdriver-1#lvmdriver-1", "emu-lab@whatever_it_is#new_lvm_backend");
    assertThat(names(hm.getPools(new JsonObject().put("name", "emu-lab@whatever_it_is#new_lvm_backend"), null)))
        .containsExactly("emu-lab@whatever_it_is#new_lvm_backend");
    assertThat(names(hm.getPools(new JsonObject().put("name", "emu-lab@whatever_it_is"), null))).isEmpty();
    // query-string values are strings: booleans are parsed, other types compared as strings
    assertThat(names(hm.getPools(new JsonObject().put("multiattach", "false"), null)))
        .containsExactly("emu-lab@whatever_it_is#new_lvm_backend");
    assertThat(names(hm.getPools(new JsonObject().put("total_capacity_gb", "1000"), null)))
        .containsExactly("emu-lab@lvmdriver-1#lvmdriver-1");
    assertThat(names(hm.getPools(new JsonObject().put("max_over_subscription_ratio", "1.0"), null))).hasSize(2);
    assertThat(names(hm.getPools(new JsonObject().put("volume_backend_name", "lvmdriver-1"), null)))
        .containsExactly("emu-lab@lvmdriver-1#lvmdriver-1");
    assertThat(names(hm.getPools(new JsonObject().put("no_such_capability", "x"), null))).isEmpty();
  }

  @Test
  void getPoolsByVolumeTypeRunsTheFilters() {
    hm.updateServiceCapabilities("volume", "emu-lab@lvmdriver-1", null,
        report("lvmdriver-1", pool("lvmdriver-1", 1000, 1000)), REPORT_TS);
    hm.updateServiceCapabilities("volume", "emu-lab@whatever_it_is", null,
        report("new_lvm_backend", pool("new_lvm_backend", 1000, 1000)), REPORT_TS);
    hm.backends(List.of(svc("emu-lab@lvmdriver-1", "nova"), svc("emu-lab@whatever_it_is", "nova")));
    JsonObject specs = new JsonObject().put("volume_backend_name", "new_lvm_backend");
    assertThat(names(hm.getPools(new JsonObject().put("volume_type", "new_lvm_backend"), specs)))
        .containsExactly("emu-lab@whatever_it_is#new_lvm_backend");
    assertThat(names(hm.getPools(null, new JsonObject()))).hasSize(2);
  }

  @Test
  void equalAfterConvertFollowsCinder() {
    assertThat(HostManager.equalAfterConvert("lvm", "lvm")).isTrue();
    assertThat(HostManager.equalAfterConvert(true, "True")).isTrue();
    assertThat(HostManager.equalAfterConvert(true, "yes")).isTrue();
    assertThat(HostManager.equalAfterConvert(false, "true")).isFalse();
    assertThat(HostManager.equalAfterConvert(10, "10")).isTrue();
    assertThat(HostManager.equalAfterConvert(10, 10.0)).isFalse(); // int vs float: str(10.0) != str(10)
    assertThat(HostManager.equalAfterConvert(10.0, 10.0)).isTrue();
    assertThat(HostManager.equalAfterConvert(null, "x")).isFalse();
  }

  @Test
  void badTimestampsAreRejected() {
    assertThatThrownBy(() -> hm.updateServiceCapabilities("volume", "n@a", null, new JsonObject(), "yesterday"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
    // no timestamp means now
    assertThat(hm.updateServiceCapabilities("volume", "n@a", null, new JsonObject(), null)).isTrue();
    assertThat(hm.serviceState("n@a").orElseThrow().capabilities().getString("timestamp"))
        .isEqualTo("2026-11-25T13:05:00.000000");
  }

  private static List<String> names(List<JsonObject> pools) {
    return pools.stream().map(p -> p.getString("name")).toList();
  }
}
