package org.cinderemu.scheduler.state;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.cinderemu.common.host.HostString;
import org.cinderemu.scheduler.PyValues;
import org.cinderemu.scheduler.SchedulerOptions;
import org.cinderemu.scheduler.SchedulingRequest;
import org.cinderemu.scheduler.filters.BackendFilter;
import org.cinderemu.scheduler.filters.BackendFilters;
import org.cinderemu.scheduler.weights.BackendWeigher;
import org.cinderemu.scheduler.weights.BackendWeighers;
import org.cinderemu.scheduler.weights.WeighedPool;

/**
 * The scheduler's picture of the storage (Cinder's {@code HostManager}, docs/cinder-reference.md §6.2): the latest
 * capability report of every volume backend and backup service, and the backend/pool states rebuilt from them for the
 * volume services the database says are usable. Reports never expire; a backend drops out only when the
 * caller stops listing its service (down, disabled, frozen or removed). Not thread-safe: one scheduler event
 * loop owns it.
 */
public final class HostManager {

  public static final String VOLUME = "volume";
  public static final String BACKUP = "backup";

  private final SchedulerOptions options;
  private final Clock clock;
  private final List<BackendFilter> filters;
  private BiConsumer<String, Integer> rejections = (filter, n) -> { };
  private final List<BackendWeigher> weighers;
  private final Map<String, CapabilityReport> serviceStates = new LinkedHashMap<>();
  private final Map<String, CapabilityReport> backupServiceStates = new LinkedHashMap<>();
  private final Map<String, BackendState> backendStateMap = new LinkedHashMap<>();
  private Set<String> noCapabilitiesBackends = new HashSet<>();

  /**
   * @throws org.cinderemu.scheduler.filters.SchedulerHostFilterNotFound  for an unknown filter name
   * @throws org.cinderemu.scheduler.weights.SchedulerHostWeigherNotFound for an unknown weigher name
   */
  public HostManager(SchedulerOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.filters = BackendFilters.byNames(options.defaultFilters());
    this.weighers = BackendWeighers.byNames(options.defaultWeighers(), options);
  }

  public HostManager(SchedulerOptions options) {
    this(options, Clock.systemUTC());
  }

  public SchedulerOptions options() {
    return options;
  }

  /**
   * Stores one {@code update_service_capabilities} report under {@code cluster_name or host}.
   *
   * @param timestamp {@code YYYY-MM-DDTHH:MM:SS.ffffff} (UTC); null means now
   * @return false when ignored: a service other than volume/backup, or older than the stored report
   */
  public boolean updateServiceCapabilities(String serviceName, String host, String clusterName,
      JsonObject capabilities, String timestamp) {
    if (!VOLUME.equals(serviceName) && !BACKUP.equals(serviceName)) {
      return false;
    }
    LocalDateTime time = timestamp == null ? now() : CapabilityTimestamps.parse(timestamp);
    String key = clusterName != null && !clusterName.isEmpty() ? clusterName : host;
    Map<String, CapabilityReport> states = VOLUME.equals(serviceName) ? serviceStates : backupServiceStates;
    CapabilityReport old = states.get(key);
    if (old != null && time.isBefore(old.timestamp())) {
      return false;
    }
    JsonObject copy = capabilities == null ? new JsonObject() : capabilities.copy();
    if (VOLUME.equals(serviceName)) {
      copy.put("timestamp", CapabilityTimestamps.format(time));
      noCapabilitiesBackends.remove(key);
    }
    states.put(key, new CapabilityReport(copy, time));
    return true;
  }

  /** Whether a volume report was received for this backend key ({@code cluster_name or host}). */
  public boolean hasReported(String backendKey) {
    return serviceStates.containsKey(backendKey);
  }

  /** The backend keys of the given usable services that have not reported yet (the startup wait). */
  public Set<String> notYetReported(List<ActiveVolumeService> services) {
    Set<String> missing = new LinkedHashSet<>();
    for (ActiveVolumeService svc : services) {
      if (reportFor(svc) == null) {
        missing.add(svc.backendKey());
      }
    }
    return missing;
  }

  /** True when the last {@link #backends} call found every backend reported, and none went missing since. */
  public boolean hasAllCapabilities() {
    return noCapabilitiesBackends.isEmpty();
  }

  /** The stored volume report for a backend key, with its {@code timestamp} field. */
  public Optional<CapabilityReport> serviceState(String backendKey) {
    return Optional.ofNullable(serviceStates.get(backendKey));
  }

  /** Backup service reports by host, in arrival order (the input of the backup host choice). */
  public Map<String, JsonObject> backupServiceStates() {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    backupServiceStates.forEach((k, v) -> out.put(k, v.capabilities()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Rebuilds the backend and pool states for the services the caller found up, enabled and unfrozen, and
   * returns every pool, backends in first-seen order and pools in report order. The first listed service of
   * a cluster represents it; services without a report are skipped (and remembered, see
   * {@link #hasAllCapabilities()}); backends no longer listed are forgotten.
   */
  public List<PoolState> backends(List<ActiveVolumeService> services) {
    Set<String> active = new HashSet<>();
    Set<String> noCapabilities = new HashSet<>();
    for (ActiveVolumeService svc : services) {
      String key = svc.backendKey();
      if (active.contains(key)) {
        continue;
      }
      CapabilityReport report = reportFor(svc);
      if (report == null) {
        noCapabilities.add(key);
        continue;
      }
      BackendState state = backendStateMap.computeIfAbsent(key,
          k -> new BackendState(svc.host(), svc.clusterName(), clock));
      state.updateFromVolumeCapability(report, svc, options.maxOverSubscriptionRatio(),
          options.reservedPercentage());
      active.add(key);
    }
    noCapabilitiesBackends = noCapabilities;
    backendStateMap.keySet().retainAll(active);
    return currentPools();
  }

  // a service just moved into a cluster may still be reporting under its host
  private CapabilityReport reportFor(ActiveVolumeService svc) {
    CapabilityReport report = svc.clusterName() == null ? null : serviceStates.get(svc.clusterName());
    return report != null ? report : serviceStates.get(svc.host());
  }

  /** The pools as of the last {@link #backends} call, without re-reading anything. */
  public List<PoolState> currentPools() {
    List<PoolState> pools = new ArrayList<>();
    backendStateMap.values().forEach(b -> pools.addAll(b.pools()));
    return pools;
  }

  /** The backend states as of the last {@link #backends} call, by backend key. */
  public Map<String, BackendState> backendStates() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(backendStateMap));
  }

  /** Pools passing the configured filters ({@code scheduler_default_filters}); rejections are counted. */
  public List<PoolState> filteredBackends(List<PoolState> pools, SchedulingRequest request) {
    return BackendFilters.apply(filters, pools, request, rejections);
  }

  /** Where {@link #filteredBackends} reports how many pools each filter removed (the scheduler's metrics). */
  public void onFilterRejections(BiConsumer<String, Integer> sink) {
    this.rejections = sink;
  }

  /** Pools ranked by the configured weighers ({@code scheduler_default_weighers}), best first. */
  public List<WeighedPool> weighedBackends(List<PoolState> pools, SchedulingRequest request) {
    return BackendWeighers.weigh(weighers, pools, request);
  }

  /**
   * Gives back the size a failed attempt consumed from {@code poolId} ({@code backend_key#pool}) before
   * rescheduling it.
   */
  public void revertVolumeConsumedCapacity(String poolId, double sizeGb) {
    backendStateMap.forEach((key, state) -> {
      for (PoolState pool : state.pools()) {
        if (poolId.equals(key + "#" + pool.poolName())) {
          pool.revert(sizeGb);
        }
      }
    });
  }

  /** {@code get_pools} as Cinder runs it: refresh from the usable services first, then list. */
  public List<JsonObject> getPools(List<ActiveVolumeService> services, JsonObject filters,
      JsonObject volumeTypeExtraSpecs) {
    backends(services);
    return getPools(filters, volumeTypeExtraSpecs);
  }

  /**
   * {@code get_pools} over the pools of the last {@link #backends} call (docs/cinder-reference.md §6.2): a list of
   * {@code {name: backend_key#pool, capabilities}}. Filter {@code name} must equal the pool name; any other
   * key must equal that capability (compared as strings when the types differ, booleans parsed);
   * {@code volume_type} is ignored here: pass its extra specs, and the configured filters then run with them.
   *
   * @param filters                the request's filters; null for none
   * @param volumeTypeExtraSpecs   extra specs of the volume type the caller resolved, or null when no
   *                               {@code volume_type} filter was given
   */
  public List<JsonObject> getPools(JsonObject filters, JsonObject volumeTypeExtraSpecs) {
    JsonObject remaining = filters == null ? new JsonObject() : filters.copy();
    Object nameFilter = remaining.remove("name");
    remaining.remove("volume_type");
    Map<String, PoolState> selected = new LinkedHashMap<>();
    backendStateMap.forEach((backendKey, state) -> {
      for (PoolState pool : state.pools()) {
        String poolKey = HostString.append(backendKey, pool.poolName());
        if (PyValues.truthy(nameFilter) && !PyValues.pyEquals(poolKey, nameFilter)) {
          continue;
        }
        boolean keep = true;
        for (Map.Entry<String, Object> f : remaining) {
          if (!equalAfterConvert(pool.capability(f.getKey()), f.getValue())) {
            keep = false;
            break;
          }
        }
        if (keep) {
          selected.put(poolKey, pool);
        }
      }
    });
    if (volumeTypeExtraSpecs != null) {
      SchedulingRequest typeOnly = SchedulingRequest.builder().extraSpecs(volumeTypeExtraSpecs).build();
      // a get_pools listing, not a scheduling decision: its rejections are not counted
      List<PoolState> passing = BackendFilters.apply(this.filters, new ArrayList<>(selected.values()), typeOnly);
      selected.values().retainAll(passing);
    }
    List<JsonObject> result = new ArrayList<>();
    selected.forEach((name, pool) -> result.add(new JsonObject()
        .put("name", name)
        .put("capabilities", pool.capabilities())));
    return result;
  }

  // Cinder's _equal_after_convert: same type compares directly, booleans parse the filter, else as strings
  static boolean equalAfterConvert(Object capability, Object value) {
    if (capability == null || sameType(capability, value)) {
      return PyValues.pyEquals(value, capability);
    }
    if (capability instanceof Boolean b) {
      return b == PyValues.boolFromString(value);
    }
    return PyValues.str(value).equals(PyValues.str(capability));
  }

  private static boolean sameType(Object capability, Object value) {
    if (value == null) {
      return false;
    }
    if (capability instanceof Boolean || value instanceof Boolean) {
      // bool is a subclass of int in Python: isinstance(True, int) holds, not the reverse
      return value instanceof Boolean && capability instanceof Boolean
          || value instanceof Boolean && isInt(capability);
    }
    if (isInt(capability)) {
      return isInt(value);
    }
    if (capability instanceof Double || capability instanceof Float) {
      return value instanceof Double || value instanceof Float;
    }
    if (capability instanceof Number) {
      return value instanceof Number;
    }
    return capability.getClass().isInstance(value);
  }

  private static boolean isInt(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof java.math.BigInteger;
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
  }
}
