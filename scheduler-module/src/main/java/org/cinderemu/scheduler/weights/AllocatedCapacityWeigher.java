package org.cinderemu.scheduler.weights;

import java.util.List;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.PoolState;

/**
 * Weighs pools by {@code allocated_capacity_gb}; with the default multiplier of -1.0 the least allocated pool
 * wins (docs/cinder-reference.md §6.5).
 */
public final class AllocatedCapacityWeigher implements BackendWeigher {

  public static final String NAME = "AllocatedCapacityWeigher";

  private final double multiplier;

  public AllocatedCapacityWeigher(double multiplier) {
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
    return pools.stream().mapToDouble(PoolState::allocatedCapacityGb).toArray();
  }
}
