package org.cinderemu.scheduler.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.TestPools;
import org.cinderemu.scheduler.state.PoolState;
import org.junit.jupiter.api.Test;

class BackendFiltersTest {

  @Test
  void filtersAreChosenByClassNameInOrder() {
    List<BackendFilter> filters = BackendFilters.byNames(
        List.of("CapabilitiesFilter", "AvailabilityZoneFilter", "CapacityFilter", "IgnoreAttemptedHostsFilter"));
    assertThat(filters).extracting(BackendFilter::name).containsExactly(
        "CapabilitiesFilter", "AvailabilityZoneFilter", "CapacityFilter", "IgnoreAttemptedHostsFilter");
  }

  @Test
  void unknownNamesAreAllReported() {
    assertThatThrownBy(() -> BackendFilters.byNames(List.of("CapacityFilter", "JsonFilter", "Nope")))
        .isInstanceOf(SchedulerHostFilterNotFound.class)
        .hasMessage("Scheduler Host Filter JsonFilter, Nope could not be found.");
  }

  @Test
  void applyKeepsPassingPoolsInOrder() {
    PoolState small = TestPools.single(TestPools.pool("small", 10, 1));
    PoolState big = TestPools.single(TestPools.pool("big", 10, 10));
    List<PoolState> out = BackendFilters.apply(BackendFilters.byNames(List.of("CapacityFilter")),
        List.of(small, big), SchedulingRequest.forVolume("v", 5).build());
    assertThat(out).containsExactly(big);
  }

  @Test
  void applyReportsHowManyPoolsEachFilterRejected() {
    PoolState small = TestPools.single(TestPools.pool("small", 10, 1));
    PoolState tiny = TestPools.single(TestPools.pool("tiny", 10, 2));
    PoolState big = TestPools.single(TestPools.pool("big", 10, 10));
    java.util.Map<String, Integer> rejected = new java.util.LinkedHashMap<>();
    BackendFilters.apply(BackendFilters.byNames(List.of("AvailabilityZoneFilter", "CapacityFilter")),
        List.of(small, tiny, big), SchedulingRequest.forVolume("v", 5).build(), rejected::put);
    // a filter that removes nothing is not reported
    assertThat(rejected).containsExactly(java.util.Map.entry("CapacityFilter", 2));
  }

  @Test
  void ignoreAttemptedHostsSkipsTriedPools() {
    IgnoreAttemptedHostsFilter filter = new IgnoreAttemptedHostsFilter();
    PoolState p = TestPools.single(TestPools.pool("p", 10, 10));
    JsonObject retry = new JsonObject().put("num_attempts", 2)
        .put("backends", new JsonArray().add("node1@lvm#p")).put("hosts", new JsonArray().add("node1@lvm#p"));
    assertThat(filter.passes(p, SchedulingRequest.forVolume("v", 1)
        .filterProperties(new JsonObject().put("retry", retry)).build())).isFalse();
    assertThat(filter.passes(p, SchedulingRequest.forVolume("v", 1).build())).isTrue();
  }
}
