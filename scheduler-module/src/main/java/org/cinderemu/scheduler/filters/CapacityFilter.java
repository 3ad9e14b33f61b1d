package org.cinderemu.scheduler.filters;

import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.state.Capacity;
import org.cinderemu.scheduler.state.CapacityFactors;
import org.cinderemu.scheduler.state.PoolState;

/**
 * Keeps pools with room for the requested size, with Cinder's exact arithmetic (docs/cinder-reference.md §6.4):
 * reserved space is {@code floor(total * reserved%)}, thin pools may over-subscribe up to their ratio, and a volume
 * type with {@code provisioning:type=thick} is measured against real free space.
 */
public final class CapacityFilter implements BackendFilter {

  public static final String NAME = "CapacityFilter";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean passes(PoolState pool, SchedulingRequest request) {
    // a retyped volume already occupies its space here
    if (pool.backendId().equals(request.volExistsOn())) {
      return true;
    }
    long requested = request.requestedSize();
    if (requested == 0) {
      return true; // manage-existing: nothing is allocated
    }
    Capacity free = pool.freeCapacityGb();
    if (free == null) {
      return false; // fail safe: the driver's stats are broken
    }
    if (!free.isFinite()) {
      return true; // cannot tell, so try; a failure reschedules
    }
    Capacity total = pool.totalCapacityGb();
    if (!total.isFinite()) {
      // without a total the reserved share cannot be computed
      return pool.reservedPercentage() == 0;
    }
    if (total.gb() <= 0) {
      return false;
    }
    boolean thin = isThin(request);
    boolean thinSupport = pool.thinProvisioningSupport();
    double ratio = pool.maxOverSubscriptionRatio();
    CapacityFactors factors = CapacityFactors.of(total.gb(), free.gb(), pool.provisionedCapacityGb(), thinSupport,
        thinSupport ? ratio : 1, pool.reservedPercentage(), thin);
    double virtualFree = factors.virtualFreeCapacity();
    if (thin && thinSupport && ratio >= 1) {
      double provisionedRatio = (pool.provisionedCapacityGb() + requested) / factors.totalAvailableCapacity();
      if (provisionedRatio > ratio) {
        return false;
      }
      return virtualFree >= requested;
    }
    if (thin && thinSupport) {
      return false; // a ratio below 1 is invalid for a thin pool
    }
    return virtualFree >= requested;
  }

  /** Thin unless the volume type asks for {@code provisioning:type=thick}. */
  static boolean isThin(SchedulingRequest request) {
    return !"thick".equals(request.extraSpecs().get("provisioning:type"));
  }
}
