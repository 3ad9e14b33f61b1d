package org.cinderemu.common.rpc.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.Target;

/**
 * Client side of the volume RPC API (cinder/volume/rpcapi.py). The volume row's host field routes
 * everything (docs/cinder-reference.md §4.1): {@code host@backend#pool} → topic {@code cinder-volume.host@backend},
 * server {@code host}, routing key {@code cinder-volume.host@backend.host}.
 *
 * <p>API version history (as Cinder's, abridged): 3.0 - Remove 2.x compatibility; 3.3 - attach_volume
 * and detach_volume take objects; 3.5 - migrate_volume and retype take objects; 3.6 - backend-scoped
 * topics; 3.7 - do_cleanup; 3.8 - failover, failover_completed; 3.12 - set/get_log_levels;
 * 3.13 - snapshot connections; 3.15 - revert_to_snapshot; 3.16 - accept_transfer; 3.17 -
 * get_backup_device is a cast answered by continue_backup; 3.18 - reimage.
 */
public final class VolumeRpcApi {

  public static final String TOPIC = "cinder-volume";
  public static final String RPC_API_VERSION = "3.18";

  private final RpcClient client;

  public VolumeRpcApi(RpcClient client) {
    this.client = client;
  }

  /** The address of the service that owns {@code hostOrCluster} (the object's service_topic_queue). */
  public static Target targetFor(String hostOrCluster, String version) {
    String backend = HostString.extract(hostOrCluster);
    return Target.server(TOPIC + "." + backend, HostString.extract(backend, HostString.Level.HOST))
        .withVersion(version);
  }

  private static Target target(Volume volume, String version) {
    return targetFor(volume.clusterName() != null ? volume.clusterName() : volume.host(), version);
  }

  public Future<Void> createVolume(RequestContext ctx, Volume volume, JsonObject requestSpec,
      JsonObject filterProperties, boolean allowReschedule) {
    JsonObject args = new JsonObject()
        .put("request_spec", requestSpec)
        .put("filter_properties", filterProperties)
        .put("allow_reschedule", allowReschedule)
        .put("volume", VersionedObjects.toPrimitive(volume));
    return client.cast(target(volume, "3.0"), ctx, "create_volume", args);
  }

  public Future<Void> deleteVolume(RequestContext ctx, Volume volume, boolean unmanageOnly, boolean cascade) {
    JsonObject args = new JsonObject()
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("unmanage_only", unmanageOnly)
        .put("cascade", cascade);
    return client.cast(target(volume, "3.0"), ctx, "delete_volume", args);
  }

  public Future<Void> extendVolume(RequestContext ctx, Volume volume, int newSize) {
    JsonObject args = new JsonObject()
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("new_size", newSize)
        .put("reservations", new JsonArray());
    return client.cast(target(volume, "3.0"), ctx, "extend_volume", args);
  }

  /** Sent to the source backend; {@code host} is {@code {host, cluster_name, capabilities}} of the target pool. */
  public Future<Void> migrateVolume(RequestContext ctx, Volume volume, JsonObject host, boolean forceHostCopy) {
    JsonObject args = new JsonObject()
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("host", host)
        .put("force_host_copy", forceHostCopy);
    return client.cast(target(volume, "3.5"), ctx, "migrate_volume", args);
  }

  /** Since 3.17 a cast: the volume service answers with BackupRpcApi.continueBackup. */
  public Future<Void> getBackupDevice(RequestContext ctx, Backup backup, Volume volume) {
    JsonObject args = new JsonObject()
        .put("backup", VersionedObjects.toPrimitive(backup))
        .put("want_objects", true)
        .put("async_call", true);
    return client.cast(target(volume, "3.17"), ctx, "get_backup_device", args);
  }

  public Future<JsonObject> initializeConnection(RequestContext ctx, Volume volume, JsonObject connector) {
    JsonObject args = new JsonObject()
        .put("connector", connector)
        .put("volume", VersionedObjects.toPrimitive(volume));
    return client.call(target(volume, "3.0"), ctx, "initialize_connection", args)
        .map(r -> r instanceof JsonObject o ? o : new JsonObject());
  }

  public Future<Void> terminateConnection(RequestContext ctx, Volume volume, JsonObject connector, boolean force) {
    JsonObject args = new JsonObject()
        .put("volume_id", volume.id())
        .put("connector", connector)
        .put("force", force);
    return client.call(target(volume, "3.0"), ctx, "terminate_connection", args).mapEmpty();
  }

  /** {@code sync=true} makes it a call, as the backup service uses it. */
  public Future<Void> removeExport(RequestContext ctx, Volume volume, boolean sync) {
    JsonObject args = new JsonObject().put("volume_id", volume.id());
    Target t = target(volume, "3.0");
    return sync ? client.call(t, ctx, "remove_export", args).mapEmpty() : client.cast(t, ctx, "remove_export", args);
  }

  /** Asks every volume service for a capability report (the scheduler does this at start). */
  public Future<Void> publishServiceCapabilities(RequestContext ctx) {
    return client.fanoutCast(Target.topic(TOPIC).withVersion("3.0"), ctx, "publish_service_capabilities",
        new JsonObject());
  }
}
