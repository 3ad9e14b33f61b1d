package org.cinderemu.scheduler.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cinderemu.scheduler.TestPools.pool;
import static org.cinderemu.scheduler.TestPools.single;

import java.util.List;
import org.cinderemu.scheduler.SchedulerOptions;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;
import org.junit.jupiter.api.Test;

class BackendWeighersTest {

  private final SchedulingRequest plain = SchedulingRequest.forVolume("v", 1).build();

  @Test
  void normalisesBetweenMinAndMax() {
    assertThat(BackendWeighers.normalise(new double[] {10, 20, 15})).containsExactly(0.0, 1.0, 0.5);
    assertThat(BackendWeighers.normalise(new double[] {7, 7})).containsExactly(0.0, 0.0);
    assertThat(BackendWeighers.normalise(new double[0])).isEmpty();
  }

  @Test
  void tiesKeepListingOrder() {
    PoolState a = single(pool("a", 100, 100));
    PoolState b = single(pool("b", 100, 100));
    PoolState c = single(pool("c", 100, 100));
    List<WeighedPool> ranked = BackendWeighers.weigh(List.of(new CapacityWeigher(1)), List.of(b, c, a), plain);
    assertThat(ranked).extracting(WeighedPool::pool).containsExactly(b, c, a);
  }

  @Test
  void allocatedCapacityWeigherPrefersTheLeastAllocatedByDefault() {
    PoolState busy = single(pool("busy", 100, 100).put("allocated_capacity_gb", 40));
    PoolState idle = single(pool("idle", 100, 100).put("allocated_capacity_gb", 5));
    List<BackendWeigher> weighers = BackendWeighers.byNames(List.of("AllocatedCapacityWeigher"),
        SchedulerOptions.defaults());
    assertThat(weighers.get(0).multiplier()).isEqualTo(-1.0);
    assertThat(weighers.get(0).weigh(List.of(busy, idle), plain)).containsExactly(40.0, 5.0);
    assertThat(BackendWeighers.weigh(weighers, List.of(busy, idle), plain).get(0).pool()).isSameAs(idle);
  }

  @Test
  void weightsOfSeveralWeighersAddUp() {
    // a: most free (capacity 1.0) but most allocated (allocated -1.0 * 1.0) => 0; b: 0 + 0 => 0; tie keeps a
    PoolState a = single(pool("a", 100, 90).put("allocated_capacity_gb", 10));
    PoolState b = single(pool("b", 100, 50).put("allocated_capacity_gb", 0));
    SchedulerOptions options = SchedulerOptions.defaults();
    List<BackendWeigher> both = BackendWeighers.byNames(List.of("CapacityWeigher", "AllocatedCapacityWeigher"),
        options);
    List<WeighedPool> ranked = BackendWeighers.weigh(both, List.of(b, a), plain);
    assertThat(ranked).extracting(WeighedPool::weight).containsExactly(0.0, 0.0);
    assertThat(ranked).extracting(WeighedPool::pool).containsExactly(b, a);
  }

  @Test
  void multipliersComeFromTheOptions() {
    SchedulerOptions stack = SchedulerOptions.defaults().withCapacityWeightMultiplier(-1.0);
    assertThat(BackendWeighers.byNames(List.of("CapacityWeigher"), stack).get(0).multiplier()).isEqualTo(-1.0);
  }

  @Test
  void unknownWeigherNamesAreReported() {
    assertThatThrownBy(() -> BackendWeighers.byNames(List.of("GoodnessWeigher"), SchedulerOptions.defaults()))
        .isInstanceOf(SchedulerHostWeigherNotFound.class)
        .hasMessage("Scheduler Host Weigher GoodnessWeigher could not be found.");
  }
}
