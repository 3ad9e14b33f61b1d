package org.cinderemu.scheduler.state;

import org.cinderemu.scheduler.PyValues;

/**
 * Cinder's {@code utils.calculate_capacity_factors} (docs/cinder-reference.md §6.4): what the capacity filter and the
 * capacity weigher both measure a pool with. Values are rounded to 2 decimals as Cinder does.
 *
 * @param reservedCapacity       {@code floor(total * reserved_percentage / 100)}
 * @param totalAvailableCapacity {@code (total - reserved)}, times the ratio when thin
 * @param virtualFreeCapacity    thin: {@code total_available - provisioned};
 *                               thick: {@code min(free, total_available - provisioned)}
 */
public record CapacityFactors(double reservedCapacity, double totalAvailableCapacity, double virtualFreeCapacity) {

  public static CapacityFactors of(double total, double free, double provisioned, boolean thinProvisioningSupport,
      double maxOverSubscriptionRatio, double reservedPercentage, boolean thin) {
    double reserved = reservedPercentage / 100;
    double reservedCapacity = Math.floor(total * reserved);
    double totalReservedAvailable = total - reservedCapacity;
    double totalAvailable;
    double virtualFree;
    if (thin && thinProvisioningSupport) {
      totalAvailable = totalReservedAvailable * maxOverSubscriptionRatio;
      virtualFree = totalAvailable - provisioned;
    } else {
      totalAvailable = totalReservedAvailable;
      double calculatedFree = totalAvailable - provisioned;
      virtualFree = free < calculatedFree ? free : calculatedFree;
    }
    return new CapacityFactors(reservedCapacity, PyValues.round2(totalAvailable), PyValues.round2(virtualFree));
  }
}
