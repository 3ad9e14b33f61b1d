package org.cinderemu.scheduler.weights;

import java.util.List;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.Capacity;
import org.cinderemu.scheduler.state.CapacityFactors;
import org.cinderemu.scheduler.state.PoolState;

/**
 * Weighs pools by virtual free space, the same figure the capacity filter checks (docs/cinder-reference.md §6.5). With
 * a positive multiplier (spread) pools reporting infinite/unknown capacity get -1, i.e. come last; with a
 * negative one (stack) they are put just above the largest real value, so they also come last.
 */
public final class CapacityWeigher implements BackendWeigher {

  public static final String NAME = "CapacityWeigher";
  // Cinder's OFFSET_MIN and OFFSET_MULT
  private static final double OFFSET_MIN = 10000;
  private static final double OFFSET_MULT = 100;

  private final double multiplier;

  public CapacityWeigher(double multiplier) {
    this.multiplier = multiplier;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double multiplier() {
    return multiplier;
  }

  @Override
  public double[] weigh(List<PoolState> pools, SchedulingRequest request) {
    double[] weights = new double[pools.size()];
    double min = Double.POSITIVE_INFINITY;
    double maxFinite = Double.NEGATIVE_INFINITY;
    boolean anyInfinite = false;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = rawWeight(pools.get(i), request);
      min = Math.min(min, weights[i]);
      if (Double.isInfinite(weights[i]) && weights[i] > 0) {
        anyInfinite = true;
      } else {
        maxFinite = Math.max(maxFinite, weights[i]);
      }
    }
    if (anyInfinite && maxFinite != Double.NEGATIVE_INFINITY) {
      double offset = (maxFinite - min) * OFFSET_MULT;
      double replacement = maxFinite + (offset == 0.0 ? OFFSET_MIN : offset);
      for (int i = 0; i < weights.length; i++) {
        if (Double.isInfinite(weights[i]) && weights[i] > 0) {
          weights[i] = replacement;
        }
      }
    }
    return weights;
  }

  private double rawWeight(PoolState pool, SchedulingRequest request) {
    Capacity free = pool.freeCapacityGb();
    Capacity total = pool.totalCapacityGb();
    if (free != null && !free.isFinite() || !total.isFinite()) {
      return multiplier > 0 ? -1 : Double.POSITIVE_INFINITY;
    }
    boolean thin = !"thick".equals(request.extraSpecs().get("provisioning:type"));
    // a null free capacity only gets here when the capacity filter is switched off
    double freeGb = free == null ? 0 : free.gb();
    return CapacityFactors.of(total.gb(), freeGb, pool.provisionedCapacityGb(), pool.thinProvisioningSupport(),
        pool.maxOverSubscriptionRatio(), pool.reservedPercentage(), thin).virtualFreeCapacity();
  }
}
