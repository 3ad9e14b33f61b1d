package org.cinderemu.volume.driver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RemoteError;
import org.cinderemu.volume.data.VolumeDataStore;

/**
 * The emulated volume driver of one backend: pools with capacity accounting, the volumes' bytes in a
 * {@link VolumeDataStore}, a configurable latency per operation and an optional failure rate (to
 * exercise reschedules), plus the faults of {@link DriverFaults} (docs/chaos.md). Runs on its verticle's event loop.
 */
public final class EmulatedDriver {

  private final Vertx vertx;
  private final BackendConfig config;
  private static final long GIB = 1L << 30;

  private final EmulatedPools pools;
  private final VolumeDataStore data;
  private final double createFailureRate;
  private final Supplier<DriverFault> faults;
  private final RandomGenerator random;

  /** {@code faults} is read at each operation and each capability report: the current fault of this backend. */
  public EmulatedDriver(Vertx vertx, BackendConfig config, VolumeDataStore data, double createFailureRate,
      Supplier<DriverFault> faults, RandomGenerator random) {
    this.vertx = vertx;
    this.config = config;
    this.pools = new EmulatedPools(config);
    this.data = data;
    this.createFailureRate = createFailureRate;
    this.faults = faults;
    this.random = random;
  }

  public BackendConfig config() {
    return config;
  }

  public EmulatedPools pools() {
    return pools;
  }

  public VolumeDataStore data() {
    return data;
  }

  /** Where a volume's bytes live: a migrated volume keeps its data under its {@code _name_id}, as in Cinder. */
  public static String dataKey(Volume v) {
    return v.nameId() != null ? v.nameId() : v.id();
  }

  /**
   * The pool a volume's host field names; host strings without a pool count under the backend name
   * (docs/cinder-reference.md §1.3).
   */
  public String poolOf(Volume v) {
    String pool = v.host() == null ? null : HostString.extract(v.host(), HostString.Level.POOL);
    return pool != null ? pool : pools.defaultPool();
  }

  /** Counts an existing volume at start-up (init_host), whatever the pool's free space says. */
  public void countExisting(Volume v) {
    if (!pools.allocate(poolOf(v), v.size())) {
      pools.grow(poolOf(v), 0);
    }
  }

  public Future<JsonObject> createVolume(Volume v) {
    return operation(DriverFault.CREATE, config.createLatencyMs()).compose(x -> {
      String pool = poolOf(v);
      if (!pools.hasPool(pool)) {
        return Future.failedFuture(backendError("no pool " + pool));
      }
      if (createFailureRate > 0 && random.nextDouble() < createFailureRate) {
        return Future.failedFuture(backendError("emulated create failure"));
      }
      if (faults.get().capacityExhausted() || !pools.allocate(pool, v.size())) {
        return Future.failedFuture(backendError("insufficient free space in pool " + pool));
      }
      return data.create(dataKey(v), v.size() * GIB)
          .onFailure(e -> pools.release(pool, v.size()))
          .map(created -> new JsonObject().put("provider_location",
              "emulator:" + config.section() + ":" + pool + ":" + v.name()));
    });
  }

  public Future<Void> deleteVolume(Volume v) {
    return deleteData(v).onSuccess(x -> releaseCapacity(v));
  }

  /** The delete's backend half: the bytes go (whether or not they were there); the pool still counts them. */
  public Future<Void> deleteData(Volume v) {
    return operation(DriverFault.DELETE, config.deleteLatencyMs())
        .compose(x -> data.delete(dataKey(v)).recover(e -> Future.succeededFuture()));
  }

  /** Gives a deleted volume's size back to its pool; once per volume, by whoever won its delete. */
  public void releaseCapacity(Volume v) {
    pools.release(poolOf(v), v.size());
  }

  public Future<Void> extendVolume(Volume v, int newSize) {
    int delta = newSize - v.size();
    return operation(DriverFault.EXTEND, 0).compose(x -> {
      if (faults.get().capacityExhausted() || !pools.grow(poolOf(v), delta)) {
        return Future.failedFuture(RemoteError.cinder("VolumeSizeExceedsAvailableQuota",
            "Requested volume or snapshot exceeds allowed gigabytes quota in pool " + poolOf(v), 413));
      }
      return data.extend(dataKey(v), newSize * GIB).onFailure(e -> pools.grow(poolOf(v), -delta));
    });
  }

  /**
   * The driver's part of an operation without capacity of its own ({@code initialize_connection},
   * {@code terminate_connection}): its injected latency, then its injected failure.
   */
  public Future<Void> operation(String name) {
    return operation(name, 0);
  }

  /** The pools' report, as the backend's fault changes it: no free space, {@code backend_state} down. */
  public JsonObject stats() {
    JsonObject stats = pools.stats();
    DriverFault fault = faults.get();
    if (fault.capacityExhausted() || fault.isDown()) {
      stats.getJsonArray("pools").forEach(p -> {
        JsonObject pool = (JsonObject) p;
        if (fault.capacityExhausted()) {
          pool.put("free_capacity_gb", 0);
        }
        if (fault.isDown()) {
          // a pool-level capability (docs/cinder-reference.md §5.5); the API's services list shows it (3.49)
          pool.put("backend_state", DriverFault.DOWN);
        }
      });
    }
    return stats;
  }

  /** The configured latency plus the injected one, then the injected failure (docs/chaos.md). */
  private Future<Void> operation(String name, long configuredLatencyMs) {
    DriverFault fault = faults.get();
    long ms = configuredLatencyMs + fault.delayMs(name, random);
    Future<Void> waited = ms <= 0 ? Future.succeededFuture() : vertx.timer(ms);
    return waited.compose(x -> fault.fails(name, random)
        ? Future.failedFuture(backendError("emulated " + name + " failure (chaos driver fault)"))
        : Future.succeededFuture());
  }

  /** What a real driver's failure looks like to the manager: Cinder's VolumeBackendAPIException. */
  private static RemoteError backendError(String detail) {
    return RemoteError.cinder("VolumeBackendAPIException",
        "Bad or unexpected response from the storage volume backend API: " + detail, 500);
  }
}
