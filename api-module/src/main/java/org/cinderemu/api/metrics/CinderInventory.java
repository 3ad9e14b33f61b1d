package org.cinderemu.api.metrics;

import java.util.List;
import java.util.Optional;
import org.cinderemu.common.db.InventoryReads.VolumeSummary;

/**
 * What openstack-exporter's Cinder exporter reads from the API in one scrape, read here from the database and the
 * scheduler. A part that could not be read is empty (its series are left out, as openstack-exporter leaves out a
 * failed call's).
 */
public record CinderInventory(
    Optional<List<Agent>> agents,
    Optional<List<VolumeSummary>> volumes,
    Optional<Integer> snapshots,
    Optional<List<Pool>> pools,
    Optional<List<TenantLimits>> limits) {

  /** One os-services entry: {@code adminState} is {@code enabled}/{@code disabled}, {@code up} its computed state. */
  public record Agent(String uuid, String hostname, String service, String adminState, String zone,
      String disabledReason, boolean up) {
  }

  /** One get_pools entry, capacities in GB (NaN when the backend reports {@code unknown}). */
  public record Pool(String name, String volumeBackendName, String vendorName, double freeGb, double totalGb) {
  }

  /** One project's gigabyte limits and usage (limit -1 = unlimited, as the quota API shows it). */
  public record TenantLimits(String tenant, String tenantId, int volumeMaxGb, int volumeUsedGb, int backupMaxGb,
      int backupUsedGb) {
  }

  /** openstack_cinder_up: 0 only when every read failed. */
  public boolean up() {
    return agents.isPresent() || volumes.isPresent() || snapshots.isPresent() || pools.isPresent()
        || limits.isPresent();
  }
}
