package org.cinderemu.scheduler.filters;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.cinderemu.scheduler.SchedulerOptions;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.TestPools;
import org.cinderemu.scheduler.state.ActiveVolumeService;
import org.cinderemu.scheduler.state.HostManager;
import org.cinderemu.scheduler.state.PoolState;
import org.junit.jupiter.api.Test;

class AvailabilityZoneFilterTest {

  private final AvailabilityZoneFilter filter = new AvailabilityZoneFilter();
  private final PoolState nova = poolIn("nova");

  private static PoolState poolIn(String az) {
    HostManager hm = TestPools.hostManager(SchedulerOptions.defaults());
    hm.updateServiceCapabilities("volume", "node1@lvm", null,
        TestPools.report("lvm", TestPools.pool("lvm", 10, 10)), TestPools.REPORT_TS);
    return hm.backends(List.of(new ActiveVolumeService("node1@lvm", null, az))).get(0);
  }

  @Test
  void availabilityZonesListWins() {
    assertThat(filter.passes(nova, SchedulingRequest.builder().availabilityZones(List.of("az1", "nova")).build()))
        .isTrue();
    assertThat(filter.passes(nova, SchedulingRequest.builder()
        .availabilityZones(List.of("az1")).availabilityZone("nova").build())).isFalse();
  }

  @Test
  void singleZoneMustEqualTheServiceZone() {
    assertThat(filter.passes(nova, SchedulingRequest.builder().availabilityZone("nova").build())).isTrue();
    assertThat(filter.passes(nova, SchedulingRequest.builder().availabilityZone("az1").build())).isFalse();
  }

  @Test
  void noZonePassesEverywhere() {
    assertThat(filter.passes(nova, SchedulingRequest.builder().build())).isTrue();
    assertThat(filter.passes(nova, SchedulingRequest.builder().availabilityZone("").build())).isTrue();
    assertThat(filter.passes(poolIn("az9"), SchedulingRequest.builder().build())).isTrue();
  }

  @Test
  void zoneComesFromTheServiceRow() {
    assertThat(nova.availabilityZone()).isEqualTo("nova");
    assertThat(nova.toHostDict().getString("host")).isEqualTo("node1@lvm#lvm");
    assertThat(nova.toHostDict().getValue("cluster_name")).isNull();
    assertThat(nova.toHostDict().getValue("capabilities")).isInstanceOf(JsonObject.class);
  }
}
