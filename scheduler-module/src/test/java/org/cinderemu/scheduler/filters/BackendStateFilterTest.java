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

class BackendStateFilterTest {

  private final BackendStateFilter filter = new BackendStateFilter();
  private final SchedulingRequest any = SchedulingRequest.builder().build();

  private static PoolState poolWith(Object state) {
    HostManager hm = TestPools.hostManager(SchedulerOptions.defaults());
    JsonObject pool = TestPools.pool("lvm", 10, 10);
    if (state != null) {
      pool.put("backend_state", state);
    }
    hm.updateServiceCapabilities("volume", "node1@lvm", null, TestPools.report("lvm", pool), TestPools.REPORT_TS);
    return hm.backends(List.of(new ActiveVolumeService("node1@lvm", null, "nova"))).get(0);
  }

  @Test
  void aDownPoolIsDropped() {
    assertThat(filter.passes(poolWith("down"), any)).isFalse();
    assertThat(filter.passes(poolWith(false), any)).isFalse();
  }

  @Test
  void upOrUnreportedPasses() {
    assertThat(filter.passes(poolWith("up"), any)).isTrue();
    assertThat(filter.passes(poolWith(true), any)).isTrue();
    assertThat(filter.passes(poolWith(null), any)).isTrue();
  }

  @Test
  void itIsKnownByNameButNotADefault() {
    assertThat(BackendFilters.byNames(List.of(BackendStateFilter.NAME))).hasSize(1);
    assertThat(SchedulerOptions.DEFAULT_FILTERS).doesNotContain(BackendStateFilter.NAME);
  }
}
