package org.cinderemu.scheduler.state;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.cinderemu.common.host.HostString;
import org.cinderemu.scheduler.PyValues;

/**
 * What the scheduler knows about one pool (Cinder's {@code PoolState}, docs/cinder-reference.md §1.3, §6.2): the last
 * report, plus the space it has handed out locally since then. Filters and weighers read it; only the winning pool
 * is changed, through {@link #consumeFromVolume(double)}. Not thread-safe: one scheduler event loop owns it.
 */
public final class PoolState {

  private final String host;
  private final String clusterName;
  private final String poolName;
  private final Clock clock;
  private ActiveVolumeService service;
  private JsonObject capabilities = new JsonObject();
  private LocalDateTime updated;

  private Capacity totalCapacityGb = Capacity.of(0);
  private Capacity freeCapacityGb;
  private double allocatedCapacityGb;
  private double provisionedCapacityGb;
  private double reservedPercentage;
  private boolean thinProvisioningSupport;
  private boolean thickProvisioningSupport;
  private double maxOverSubscriptionRatio = 1.0;
  private boolean multiattach;

  PoolState(String backendHost, String backendClusterName, String poolName, ActiveVolumeService service,
      Clock clock) {
    this.host = HostString.append(backendHost, poolName);
    this.clusterName = HostString.append(backendClusterName, poolName);
    this.poolName = poolName;
    this.service = service;
    this.clock = clock;
  }

  /**
   * Applies a pool report, unless the pool changed locally after the report was made: local consumption
   * stays until a newer report replaces it (Cinder's {@code update_from_volume_capability}).
   */
  void updateFromCapability(JsonObject poolCapabilities, LocalDateTime reportTime, ActiveVolumeService svc,
      String globalRatio, int defaultReservedPercentage) {
    this.capabilities = poolCapabilities;
    this.service = svc;
    if (updated != null && updated.isAfter(reportTime)) {
      return;
    }
    updated = reportTime;
    JsonObject c = poolCapabilities;
    totalCapacityGb = c.containsKey("total_capacity_gb")
        ? nonNull(Capacity.parse(c.getValue("total_capacity_gb"))) : Capacity.of(0);
    freeCapacityGb = c.containsKey("free_capacity_gb") ? Capacity.parse(c.getValue("free_capacity_gb")) : Capacity.of(0);
    allocatedCapacityGb = PyValues.toFloat(c.getValue("allocated_capacity_gb"), 0);
    reservedPercentage = PyValues.toFloat(c.getValue("reserved_percentage"), defaultReservedPercentage);
    Object provisioned = c.getValue("provisioned_capacity_gb");
    provisionedCapacityGb = provisioned == null ? allocatedCapacityGb : PyValues.toFloat(provisioned, allocatedCapacityGb);
    thinProvisioningSupport = PyValues.truthy(c.getValue("thin_provisioning_support"));
    thickProvisioningSupport = PyValues.truthy(c.getValue("thick_provisioning_support"));
    maxOverSubscriptionRatio = OverSubscription.calculate(c, globalRatio);
    multiattach = PyValues.truthy(c.getValue("multiattach"));
  }

  private static Capacity nonNull(Capacity c) {
    return c == null ? Capacity.of(0) : c;
  }

  /** Takes a new volume's size out of this pool until the next report (Cinder's {@code consume_from_volume}). */
  public void consumeFromVolume(double sizeGb) {
    // the local change is newer than the report it was computed from, so that report is not re-applied
    consume(sizeGb, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)));
  }

  void consume(double sizeGb, LocalDateTime now) {
    allocatedCapacityGb += sizeGb;
    provisionedCapacityGb += sizeGb;
    if (freeCapacityGb != null) {
      freeCapacityGb = freeCapacityGb.minus(sizeGb);
    }
    if (now != null) {
      updated = now;
    }
  }

  /** Gives back what a failed attempt consumed, without touching the update time (reschedule). */
  void revert(double sizeGb) {
    consume(-sizeGb, null);
  }

  /** {@code host@backend#pool}: what the volume row's {@code host} is set to when this pool wins. */
  public String host() {
    return host;
  }

  /** {@code cluster@backend#pool}, or null. */
  public String clusterName() {
    return clusterName;
  }

  /** {@code cluster_name or host}: the pool-level id kept in {@code retry.backends}. */
  public String backendId() {
    return clusterName != null ? clusterName : host;
  }

  public String poolName() {
    return poolName;
  }

  /** The service row this pool was last seen through (its AZ goes to the volume row). */
  public ActiveVolumeService service() {
    return service;
  }

  public String availabilityZone() {
    return service == null ? null : service.availabilityZone();
  }

  /** The reported pool capabilities with the backend-level fields Cinder appends; a copy. */
  public JsonObject capabilities() {
    return capabilities.copy();
  }

  /** Reads one capability without copying the whole report. */
  public Object capability(String key) {
    return capabilities.getValue(key);
  }

  public boolean hasCapability(String key) {
    return capabilities.containsKey(key);
  }

  public LocalDateTime updated() {
    return updated;
  }

  public Capacity totalCapacityGb() {
    return totalCapacityGb;
  }

  /** Null when the report said {@code free_capacity_gb: null}. */
  public Capacity freeCapacityGb() {
    return freeCapacityGb;
  }

  public double allocatedCapacityGb() {
    return allocatedCapacityGb;
  }

  public double provisionedCapacityGb() {
    return provisionedCapacityGb;
  }

  public double reservedPercentage() {
    return reservedPercentage;
  }

  public boolean thinProvisioningSupport() {
    return thinProvisioningSupport;
  }

  public boolean thickProvisioningSupport() {
    return thickProvisioningSupport;
  }

  public double maxOverSubscriptionRatio() {
    return maxOverSubscriptionRatio;
  }

  public boolean multiattach() {
    return multiattach;
  }

  /** The {@code host} argument of VolumeAPI {@code migrate_volume}/{@code retype}: host, cluster, capabilities. */
  public JsonObject toHostDict() {
    return new JsonObject()
        .put("host", host)
        .put("cluster_name", clusterName)
        .put("capabilities", capabilities.copy());
  }

  @Override
  public String toString() {
    return "PoolState[" + backendId() + " total=" + totalCapacityGb.toJson() + " free="
        + (freeCapacityGb == null ? null : freeCapacityGb.toJson()) + " allocated=" + allocatedCapacityGb
        + " provisioned=" + provisionedCapacityGb + "]";
  }
}
