package org.cinderemu.scheduler.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.scheduler.TestPools.pool;
import static org.cinderemu.scheduler.TestPools.single;
import static org.cinderemu.scheduler.TestPools.thinPool;

import java.util.List;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;
import org.junit.jupiter.api.Test;

class CapacityWeigherTest {

  private final SchedulingRequest plain = SchedulingRequest.forVolume("v", 1).build();
  private final PoolState free100 = single(pool("a", 200, 100));
  private final PoolState free50 = single(pool("b", 200, 50));
  private final PoolState infinite = single(pool("c", 200, "infinite"));
  private final PoolState unknownTotal = single(pool("d", "unknown", 10));

  @Test
  void rawWeightIsVirtualFreeSpace() {
    PoolState thin = single(thinPool("t", 100, 10, 150, 2.0).put("reserved_percentage", 10));
    // thin: (100 - 10) * 2 - 150 = 30; thick: min(10, 90 - 150) = -60
    assertThat(new CapacityWeigher(1).weigh(List.of(thin), plain)).containsExactly(30.0);
    SchedulingRequest thick = SchedulingRequest.forVolume("v", 1).extraSpec("provisioning:type", "thick").build();
    assertThat(new CapacityWeigher(1).weigh(List.of(thin), thick)).containsExactly(-60.0);
  }

  @Test
  void spreadingPutsInfiniteAndUnknownLast() {
    assertThat(new CapacityWeigher(1.0).weigh(List.of(infinite, free100, unknownTotal, free50), plain))
        .containsExactly(-1.0, 100.0, -1.0, 50.0);
    List<WeighedPool> ranked = BackendWeighers.weigh(List.of(new CapacityWeigher(1.0)),
        List.of(infinite, free50, free100), plain);
    assertThat(ranked).extracting(WeighedPool::pool).containsExactly(free100, free50, infinite);
    assertThat(ranked).extracting(WeighedPool::weight).containsExactly(1.0, 51.0 / 101.0, 0.0);
  }

  @Test
  void stackingPutsInfiniteJustAboveTheLargest() {
    // max 100, min 50: infinite becomes 100 + (100 - 50) * 100
    assertThat(new CapacityWeigher(-1.0).weigh(List.of(infinite, free100, free50), plain))
        .containsExactly(5100.0, 100.0, 50.0);
    List<WeighedPool> ranked = BackendWeighers.weigh(List.of(new CapacityWeigher(-1.0)),
        List.of(infinite, free100, free50), plain);
    assertThat(ranked).extracting(WeighedPool::pool).containsExactly(free50, free100, infinite);
  }

  @Test
  void stackingWithEqualFiniteWeightsAddsTheMinimumOffset() {
    PoolState other100 = single(pool("e", 300, 100));
    assertThat(new CapacityWeigher(-1.0).weigh(List.of(infinite, free100, other100), plain))
        .containsExactly(10100.0, 100.0, 100.0);
    assertThat(new CapacityWeigher(-1.0).weigh(List.of(infinite), plain))
        .containsExactly(Double.POSITIVE_INFINITY);
  }

  @Test
  void multiplierScalesTheNormalisedWeight() {
    List<WeighedPool> ranked = BackendWeighers.weigh(List.of(new CapacityWeigher(2.5)),
        List.of(free50, free100), plain);
    assertThat(ranked.get(0).pool()).isSameAs(free100);
    assertThat(ranked.get(0).weight()).isEqualTo(2.5);
    assertThat(ranked.get(1).weight()).isEqualTo(0.0);
  }
}
