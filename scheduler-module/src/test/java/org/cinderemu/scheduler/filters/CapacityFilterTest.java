package org.cinderemu.scheduler.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cinderemu.scheduler.TestPools.pool;
import static org.cinderemu.scheduler.TestPools.single;
import static org.cinderemu.scheduler.TestPools.thinPool;

import io.vertx.core.json.JsonObject;
import org.cinderemu.scheduler.SchedulerOptions;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;
import org.junit.jupiter.api.Test;

/** Every branch of docs/cinder-reference.md §6.4. */
class CapacityFilterTest {

  private final CapacityFilter filter = new CapacityFilter();

  private boolean fits(PoolState pool, long size) {
    return filter.passes(pool, SchedulingRequest.forVolume("v1", size).build());
  }

  private boolean fitsThick(PoolState pool, long size) {
    return filter.passes(pool, SchedulingRequest.forVolume("v1", size).extraSpec("provisioning:type", "thick").build());
  }

  @Test
  void thickPoolUsesFreeSpace() {
    PoolState p = single(pool("p", 100, 10));
    assertThat(fits(p, 10)).isTrue();
    assertThat(fits(p, 11)).isFalse();
  }

  @Test
  void thickPoolIsAlsoLimitedByWhatIsProvisioned() {
    // min(free 80, total 100 - provisioned 50)
    PoolState p = single(pool("p", 100, 80).put("provisioned_capacity_gb", 50));
    assertThat(fits(p, 50)).isTrue();
    assertThat(fits(p, 51)).isFalse();
  }

  @Test
  void provisionedDefaultsToAllocated() {
    JsonObject caps = pool("p", 100, 80).put("allocated_capacity_gb", 50);
    caps.remove("provisioned_capacity_gb");
    PoolState p = single(caps);
    assertThat(p.provisionedCapacityGb()).isEqualTo(50.0);
    assertThat(fits(p, 51)).isFalse();
  }

  @Test
  void reservedPercentageIsFlooredAndTakenOffTheTotal() {
    // 10% of 100 = 10 reserved: min(95, 90 - 5) = 85
    PoolState p = single(pool("p", 100, 95).put("provisioned_capacity_gb", 5).put("reserved_percentage", 10));
    assertThat(fits(p, 85)).isTrue();
    assertThat(fits(p, 86)).isFalse();
    // 15% of 99 = 14.85, floored to 14: 85 left
    PoolState q = single(pool("q", 99, 99).put("reserved_percentage", 15));
    assertThat(fits(q, 85)).isTrue();
    assertThat(fits(q, 86)).isFalse();
  }

  @Test
  void thinPoolOverSubscribesUpToItsRatio() {
    // total_available = 100 * 2 = 200, virtual free = 200 - 150 = 50
    PoolState p = single(thinPool("p", 100, 100, 150, 2.0));
    assertThat(p.maxOverSubscriptionRatio()).isEqualTo(2.0);
    assertThat(fits(p, 50)).isTrue();
    assertThat(fits(p, 51)).isFalse();
  }

  @Test
  void thinPoolWithReservedSpace() {
    // (100 - 20) * 3 = 240 available, 240 - 200 = 40 free
    PoolState p = single(thinPool("p", 100, 10, 200, "3.0").put("reserved_percentage", 20));
    assertThat(fits(p, 40)).isTrue();
    assertThat(fits(p, 41)).isFalse();
  }

  @Test
  void thinPoolFailsWhenAlreadyOverProvisioned() {
    // provisioned 300 is beyond total_available 100 * 2
    PoolState p = single(thinPool("p", 100, 100, 300, 2.0));
    assertThat(fits(p, 1)).isFalse();
  }

  @Test
  void thickVolumeTypeOnThinPoolUsesRealFreeSpace() {
    PoolState p = single(thinPool("p", 100, 10, 0, 20.0));
    assertThat(fits(p, 500)).isTrue();      // thin: 2000 available
    assertThat(fitsThick(p, 10)).isTrue();  // thick: min(10, 100)
    assertThat(fitsThick(p, 11)).isFalse();
  }

  @Test
  void ratioBelowOneFailsThinRequestsOnly() {
    PoolState p = single(thinPool("p", 100, 100, 0, 0.5));
    assertThat(p.maxOverSubscriptionRatio()).isEqualTo(0.5);
    assertThat(fits(p, 1)).isFalse();
    assertThat(fitsThick(p, 1)).isTrue();
  }

  @Test
  void ratioIsOneWithoutThinSupport() {
    PoolState p = single(pool("p", 100, 10).put("max_over_subscription_ratio", 20.0));
    assertThat(p.maxOverSubscriptionRatio()).isEqualTo(1.0);
    assertThat(fits(p, 11)).isFalse();
  }

  @Test
  void autoRatioFollowsUsage() {
    // 1 + 200 / (100 - 60 + 1) = 5.878 -> 5.88; available 588, free 588 - 200 = 388
    PoolState p = single(thinPool("p", 100, 60, 200, "auto"));
    assertThat(p.maxOverSubscriptionRatio()).isEqualTo(5.88);
    assertThat(fits(p, 388)).isTrue();
    assertThat(fits(p, 389)).isFalse();
    // nothing provisioned yet: 20.0
    assertThat(single(thinPool("q", 100, 100, 0, "auto")).maxOverSubscriptionRatio()).isEqualTo(20.0);
  }

  @Test
  void globalRatioAppliesWhenThePoolHasNone() {
    JsonObject caps = thinPool("p", 100, 100, 0, null);
    SchedulerOptions options = SchedulerOptions.defaults().withMaxOverSubscriptionRatio("1.5");
    assertThat(single(caps, options).maxOverSubscriptionRatio()).isEqualTo(1.5);
    assertThat(single(caps.copy().put("max_over_subscription_ratio", 0), options).maxOverSubscriptionRatio())
        .isEqualTo(1.5);
    assertThat(single(caps, SchedulerOptions.defaults().withMaxOverSubscriptionRatio("auto"))
        .maxOverSubscriptionRatio()).isEqualTo(20.0);
  }

  @Test
  void infiniteOrUnknownFreeSpacePasses() {
    assertThat(fits(single(pool("p", 100, "infinite")), 10_000)).isTrue();
    assertThat(fits(single(pool("p", 100, "unknown")), 10_000)).isTrue();
  }

  @Test
  void infiniteOrUnknownTotalPassesOnlyWithoutReservedSpace() {
    assertThat(fits(single(pool("p", "infinite", 10)), 10_000)).isTrue();
    assertThat(fits(single(pool("p", "unknown", 10)), 10_000)).isTrue();
    assertThat(fits(single(pool("p", "unknown", 10).put("reserved_percentage", 5)), 1)).isFalse();
  }

  @Test
  void infiniteCapacityMakesTheRatioOne() {
    assertThat(single(thinPool("p", "infinite", 10, 0, 20.0)).maxOverSubscriptionRatio()).isEqualTo(1.0);
  }

  @Test
  void missingFreeSpaceOrNoTotalFails() {
    assertThat(fits(single(pool("p", 100, null)), 1)).isFalse();
    assertThat(fits(single(pool("p", 0, 10)), 1)).isFalse();
    assertThat(fits(single(pool("p", -5, 10)), 1)).isFalse();
  }

  @Test
  void zeroSizeIsAManageAndAlwaysFits() {
    assertThat(fits(single(pool("p", 100, null)), 0)).isTrue();
  }

  @Test
  void extendAsksOnlyForTheDifference() {
    PoolState p = single(pool("p", 100, 5));
    assertThat(filter.passes(p, SchedulingRequest.forVolume("v1", 10).newSize(15L).build())).isTrue();
    assertThat(filter.passes(p, SchedulingRequest.forVolume("v1", 10).newSize(16L).build())).isFalse();
  }

  @Test
  void retypeOnTheVolumesOwnBackendPasses() {
    PoolState p = single(pool("p", 100, 0));
    SchedulingRequest retype = SchedulingRequest.forVolume("v1", 10)
        .filterProperties(new JsonObject().put("vol_exists_on", "node1@lvm#p")).build();
    assertThat(filter.passes(p, retype)).isTrue();
    assertThat(fits(p, 10)).isFalse();
  }
}
