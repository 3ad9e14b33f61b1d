package org.cinderemu.scheduler;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.cinderemu.scheduler.state.ActiveVolumeService;
import org.cinderemu.scheduler.state.HostManager;
import org.cinderemu.scheduler.state.PoolState;

/** Capability reports and pool states for the tests, shaped like the captured LVM reports. */
public final class TestPools {

  /** Report time used by most tests; the clock stands a little later. */
  public static final String REPORT_TS = "2026-11-25T13:04:58.973778";
  public static final Instant NOW = Instant.parse("2026-11-25T13:05:00Z");

  private TestPools() {
  }

  /** A thick LVM-like pool as in the captured fanout (message 20). */
  public static JsonObject pool(String name, Object total, Object free) {
    return new JsonObject()
        .put("pool_name", name)
        .put("total_capacity_gb", total)
        .put("free_capacity_gb", free)
        .put("allocated_capacity_gb", 0)
        .put("provisioned_capacity_gb", 0)
        .put("reserved_percentage", 0)
        .put("max_over_subscription_ratio", 1.0)
        .put("thin_provisioning_support", false)
        .put("thick_provisioning_support", true)
        .put("QoS_support", false)
        .put("multiattach", true)
        .put("filter_function", null)
        .put("goodness_function", null)
        .put("consistencygroup_support", false)
        .put("replication_enabled", false);
  }

  /** A thin pool: {@code thin_provisioning_support} true with the given ratio. */
  public static JsonObject thinPool(String name, Object total, Object free, Object provisioned, Object ratio) {
    return pool(name, total, free)
        .put("provisioned_capacity_gb", provisioned)
        .put("max_over_subscription_ratio", ratio)
        .put("thin_provisioning_support", true)
        .put("thick_provisioning_support", false);
  }

  /** A backend report whose {@code volume_backend_name} is {@code backendName}. */
  public static JsonObject report(String backendName, JsonObject... pools) {
    return new JsonObject()
        .put("volume_backend_name", backendName)
        .put("vendor_name", "Open Source")
        .put("driver_version", "1.0.0")
        .put("storage_protocol", "local")
        .put("pools", new JsonArray(List.of((Object[]) pools)))
        .put("filter_function", null)
        .put("goodness_function", null);
  }

  public static ActiveVolumeService svc(String host, String az) {
    return new ActiveVolumeService(host, null, az);
  }

  public static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  public static HostManager hostManager(SchedulerOptions options) {
    return new HostManager(options, clock());
  }

  /** One pool of {@code node1@lvm} in AZ nova, built through the HostManager like the real ones. */
  public static PoolState single(JsonObject poolCaps) {
    return single(poolCaps, SchedulerOptions.defaults());
  }

  public static PoolState single(JsonObject poolCaps, SchedulerOptions options) {
    HostManager hm = hostManager(options);
    hm.updateServiceCapabilities("volume", "node1@lvm", null, report("lvm", poolCaps), REPORT_TS);
    return hm.backends(List.of(svc("node1@lvm", "nova"))).get(0);
  }

  /** A clock tests can move. */
  public static final class MutableClock extends Clock {
    private Instant now;

    public MutableClock(Instant start) {
      this.now = start;
    }

    public void set(Instant instant) {
      this.now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
