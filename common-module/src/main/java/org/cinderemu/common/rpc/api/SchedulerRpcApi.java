package org.cinderemu.common.rpc.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.Target;

/**
 * Client side of the scheduler RPC API (cinder/scheduler/rpcapi.py). Every message goes to topic
 * {@code cinder-scheduler} without a server, so any one scheduler takes it; capability reports are
 * fanouts to all schedulers.
 *
 * <p>API version history (as Cinder's): 3.0 - Remove 2.x compatibility; 3.1 - create_group;
 * 3.2 - extend_volume; 3.3 - migrate_volume takes a backend; 3.4 - work_cleanup/do_cleanup;
 * 3.5 - notify_service_capabilities; 3.6 - removes create_consistencygroup; 3.7 - set/get_log_levels;
 * 3.8 - validate_host_capacity; 3.9 - create_snapshot; 3.10 - manage_existing_snapshot;
 * 3.11 - extend_volume takes request_spec; 3.12 - create_backup.
 */
public final class SchedulerRpcApi {

  public static final String TOPIC = "cinder-scheduler";
  public static final String RPC_API_VERSION = "3.12";

  private final RpcClient client;

  public SchedulerRpcApi(RpcClient client) {
    this.client = client;
  }

  private static Target target(String version) {
    return Target.topic(TOPIC).withVersion(version);
  }

  public Future<Void> createVolume(RequestContext ctx, Volume volume, JsonObject requestSpec,
      JsonObject filterProperties) {
    return createVolume(ctx, volume, requestSpec, filterProperties, null);
  }

  /** The create_volume cast of a volume restored from a backup: {@code backup_id} names the source (3.47). */
  public Future<Void> createVolume(RequestContext ctx, Volume volume, JsonObject requestSpec,
      JsonObject filterProperties, String backupId) {
    JsonObject args = new JsonObject()
        .put("snapshot_id", volume.snapshotId())
        .put("image_id", null)
        .put("request_spec", requestSpec)
        .put("filter_properties", filterProperties == null ? new JsonObject() : filterProperties)
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("backup_id", backupId);
    return client.cast(target("3.0"), ctx, "create_volume", args);
  }

  /** A reschedule from a volume service: the same cast, with the retry history in filter_properties. */
  public Future<Void> rescheduleVolume(RequestContext ctx, Volume volume, JsonObject requestSpec,
      JsonObject filterProperties) {
    return createVolume(ctx, volume, requestSpec, filterProperties);
  }

  public Future<JsonArray> getPools(RequestContext ctx, JsonObject filters) {
    return client.call(target("3.0"), ctx, "get_pools", new JsonObject().put("filters", filters))
        .map(r -> r instanceof JsonArray a ? a : new JsonArray());
  }

  public Future<Void> extendVolume(RequestContext ctx, Volume volume, int newSize, JsonObject requestSpec,
      JsonObject filterProperties) {
    JsonObject args = new JsonObject()
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("new_size", newSize)
        .put("reservations", new JsonArray())
        .put("request_spec", requestSpec)
        .put("filter_properties", filterProperties == null ? new JsonObject() : filterProperties);
    return client.cast(target("3.0"), ctx, "extend_volume", args);
  }

  public Future<Void> migrateVolume(RequestContext ctx, Volume volume, String backend, boolean forceCopy,
      JsonObject requestSpec, JsonObject filterProperties) {
    JsonObject args = new JsonObject()
        .put("request_spec", requestSpec)
        .put("filter_properties", filterProperties == null ? new JsonObject() : filterProperties)
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("backend", backend)
        .put("force_copy", forceCopy);
    return client.cast(target("3.3"), ctx, "migrate_volume", args);
  }

  public Future<Void> createBackup(RequestContext ctx, Backup backup) {
    return client.cast(target("3.0"), ctx, "create_backup",
        new JsonObject().put("backup", VersionedObjects.toPrimitive(backup)));
  }

  /** The periodic capability report of a volume or backup service, fanned out to every scheduler. */
  public Future<Void> updateServiceCapabilities(RequestContext ctx, String serviceName, String host,
      JsonObject capabilities, String clusterName, String timestamp) {
    JsonObject args = new JsonObject()
        .put("service_name", serviceName)
        .put("host", host)
        .put("capabilities", capabilities)
        .put("cluster_name", clusterName)
        .put("timestamp", timestamp);
    return client.fanoutCast(target("3.3"), ctx, "update_service_capabilities", args);
  }

  /** Sent right after every capability fanout (Cinder uses it for capacity notifications). */
  public Future<Void> notifyServiceCapabilities(RequestContext ctx, String serviceName, String backend,
      JsonObject capabilities, String timestamp) {
    JsonObject args = new JsonObject()
        .put("service_name", serviceName)
        .put("capabilities", capabilities)
        .put("backend", backend)
        .put("timestamp", timestamp);
    return client.cast(target("3.5"), ctx, "notify_service_capabilities", args);
  }
}
