package org.cinderemu.volume.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Capacity accounting of one emulated backend's pools and the stats report Cinder drivers return
 * from {@code get_volume_stats} (docs/cinder-reference.md §5.5; shape as in the captured capability fanout).
 */
public final class EmulatedPools {

  private final BackendConfig config;
  private final Map<String, Pool> pools = new LinkedHashMap<>();

  public EmulatedPools(BackendConfig config) {
    this.config = config;
    config.pools().forEach(p -> pools.put(p.name(), new Pool(p)));
  }

  /** Mutable counters of one pool; touched only from the owning verticle's event loop. */
  static final class Pool {
    final PoolConfig config;
    long allocatedGb;

    Pool(PoolConfig config) {
      this.config = config;
    }

    double freeGb() {
      return config.thinProvisioning() ? config.totalCapacityGb() : config.totalCapacityGb() - allocatedGb;
    }
  }

  public String defaultPool() {
    return config.pools().get(0).name();
  }

  public boolean hasPool(String name) {
    return pools.containsKey(name);
  }

  /** Counts a volume into its pool; false (and nothing counted) when a thick pool lacks the space. */
  public boolean allocate(String pool, int sizeGb) {
    Pool p = pools.get(pool == null ? defaultPool() : pool);
    if (p == null) {
      return false;
    }
    if (!p.config.thinProvisioning() && p.freeGb() < sizeGb) {
      return false;
    }
    p.allocatedGb += sizeGb;
    return true;
  }

  /** Grows a counted volume; false when a thick pool lacks the space. */
  public boolean grow(String pool, int byGb) {
    Pool p = pools.get(pool == null ? defaultPool() : pool);
    if (p == null || !p.config.thinProvisioning() && p.freeGb() < byGb) {
      return false;
    }
    p.allocatedGb += byGb;
    return true;
  }

  public void release(String pool, int sizeGb) {
    Pool p = pools.get(pool == null ? defaultPool() : pool);
    if (p != null) {
      p.allocatedGb = Math.max(0, p.allocatedGb - sizeGb);
    }
  }

  public long allocatedGb(String pool) {
    Pool p = pools.get(pool);
    return p == null ? 0 : p.allocatedGb;
  }

  /** The capabilities a volume service reports for its backend, keys as in the captured report (message 20). */
  public JsonObject stats() {
    JsonArray list = new JsonArray();
    for (Pool p : pools.values()) {
      PoolConfig c = p.config;
      list.add(new JsonObject()
          .put("pool_name", c.name())
          .put("total_capacity_gb", number(c.totalCapacityGb()))
          .put("free_capacity_gb", number(p.freeGb()))
          .put("allocated_capacity_gb", p.allocatedGb)
          .put("provisioned_capacity_gb", p.allocatedGb)
          .put("reserved_percentage", c.reservedPercentage())
          .put("max_over_subscription_ratio", c.maxOverSubscriptionRatio())
          .put("thin_provisioning_support", c.thinProvisioning())
          .put("thick_provisioning_support", !c.thinProvisioning())
          .put("QoS_support", false)
          .put("multiattach", true)
          .put("filter_function", null)
          .put("goodness_function", null)
          .put("consistencygroup_support", false)
          .put("replication_enabled", false));
    }
    return new JsonObject()
        .put("volume_backend_name", config.volumeBackendName())
        .put("vendor_name", "Open Source")
        .put("driver_version", "1.0.0")
        .put("storage_protocol", config.storageProtocol())
        .put("pools", list)
        .put("filter_function", null)
        .put("goodness_function", null);
  }

  // whole numbers report as integers, as the captured LVM-like reports do
  private static Number number(double v) {
    return v == Math.rint(v) ? (Number) (long) v : (Number) v;
  }
}
