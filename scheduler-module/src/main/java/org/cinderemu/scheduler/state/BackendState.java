package org.cinderemu.scheduler.state;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinderemu.common.host.HostString;
import org.cinderemu.scheduler.PyValues;

/**
 * One volume backend (or cluster) and its pools, rebuilt from its latest report (Cinder's {@code BackendState},
 * docs/cinder-reference.md §1.3). Pools keep the order of the report; pools no longer reported are dropped.
 */
public final class BackendState {

  private static final List<String> APPENDED_KEYS =
      List.of("volume_backend_name", "storage_protocol", "vendor_name", "driver_version");

  private final String host;
  private final String clusterName;
  private final Clock clock;
  private final Map<String, PoolState> pools = new LinkedHashMap<>();
  private LocalDateTime updated;
  private String volumeBackendName;
  private Object storageProtocol;
  private Object vendorName;
  private Object driverVersion;

  BackendState(String host, String clusterName, Clock clock) {
    this.host = host;
    this.clusterName = clusterName;
    this.clock = clock;
  }

  /** Applies the stored report unless this backend already holds a newer one. */
  void updateFromVolumeCapability(CapabilityReport report, ActiveVolumeService service, String globalRatio,
      int defaultReservedPercentage) {
    JsonObject caps = report.stored();
    if (updated != null && updated.isAfter(report.timestamp())) {
      return;
    }
    Object name = caps.getValue("volume_backend_name");
    volumeBackendName = name == null ? null : PyValues.str(name);
    storageProtocol = caps.getValue("storage_protocol");
    vendorName = caps.getValue("vendor_name");
    driverVersion = caps.getValue("driver_version");
    updated = report.timestamp();
    updatePools(caps, service, globalRatio, defaultReservedPercentage);
  }

  private void updatePools(JsonObject caps, ActiveVolumeService service, String globalRatio, int reserved) {
    Object reported = caps.getValue("pools");
    Set<String> active = new HashSet<>();
    if (reported instanceof JsonArray list && !list.isEmpty()) {
      for (Object entry : list) {
        if (!(entry instanceof JsonObject poolCaps) || poolCaps.getValue("pool_name") == null) {
          continue; // Cinder would fail the whole update on a pool without a name; skip just that entry
        }
        String poolName = PyValues.str(poolCaps.getValue("pool_name"));
        PoolState pool = pools.computeIfAbsent(poolName, n -> new PoolState(host, clusterName, n, service, clock));
        pool.updateFromCapability(withBackendInfo(poolCaps), updated, service, globalRatio, reserved);
        active.add(poolName);
      }
    } else if (reported == null) {
      // legacy driver without pools: the whole backend is one pool named after it
      String poolName = volumeBackendName != null
          ? volumeBackendName : HostString.extract(host, HostString.Level.POOL, true);
      PoolState pool = pools.computeIfAbsent(poolName, n -> new PoolState(host, clusterName, n, service, clock));
      pool.updateFromCapability(withBackendInfo(caps), updated, service, globalRatio, reserved);
      active.add(poolName);
    }
    pools.keySet().retainAll(active);
  }

  // Cinder's _append_backend_info: backend-level fields a pool did not report itself
  private JsonObject withBackendInfo(JsonObject poolCaps) {
    JsonObject copy = poolCaps.copy();
    Object[] values = {volumeBackendName, storageProtocol, vendorName, driverVersion};
    for (int i = 0; i < APPENDED_KEYS.size(); i++) {
      if (!PyValues.truthy(copy.getValue(APPENDED_KEYS.get(i)))) {
        copy.put(APPENDED_KEYS.get(i), values[i]);
      }
    }
    if (!PyValues.truthy(copy.getValue("timestamp"))) {
      copy.put("timestamp", CapabilityTimestamps.format(updated));
    }
    return copy;
  }

  /** {@code host@backend} of the service that first represented this backend. */
  public String host() {
    return host;
  }

  public String clusterName() {
    return clusterName;
  }

  public String volumeBackendName() {
    return volumeBackendName;
  }

  public LocalDateTime updated() {
    return updated;
  }

  /** The pools in report order. */
  public List<PoolState> pools() {
    return new ArrayList<>(pools.values());
  }

  PoolState pool(String poolName) {
    return pools.get(poolName);
  }
}
