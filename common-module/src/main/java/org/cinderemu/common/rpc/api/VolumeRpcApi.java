package org.cinderemu.common.rpc.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.rpc.messages.volume.CreateVolume;
import org.cinderemu.common.rpc.messages.volume.DeleteVolume;
import org.cinderemu.common.rpc.messages.volume.DoCleanup;
import org.cinderemu.common.rpc.messages.volume.FreezeHost;
import org.cinderemu.common.rpc.messages.volume.ThawHost;
import org.cinderemu.common.rpc.messages.volume.ExtendVolume;
import org.cinderemu.common.rpc.messages.volume.GetBackupDevice;
import org.cinderemu.common.rpc.messages.volume.InitializeConnection;
import org.cinderemu.common.rpc.messages.volume.MigrateVolume;
import org.cinderemu.common.rpc.messages.volume.PublishServiceCapabilities;
import org.cinderemu.common.rpc.messages.volume.RemoveExport;
import org.cinderemu.common.rpc.messages.volume.TerminateConnection;

/**
 * Client side of the volume RPC API (cinder/volume/rpcapi.py). The volume row's host (or cluster) routes
 * everything through {@link VolumeTargets} (docs/cinder-reference.md §4.1). The messages themselves are the
 * records of {@code rpc.messages.volume}.
 *
 * <p>API version history (as Cinder's, abridged): 3.0 - Remove 2.x compatibility; 3.3 - attach_volume
 * and detach_volume take objects; 3.5 - migrate_volume and retype take objects; 3.6 - backend-scoped
 * topics; 3.7 - do_cleanup; 3.8 - failover, failover_completed; 3.12 - set/get_log_levels;
 * 3.13 - snapshot connections; 3.15 - revert_to_snapshot; 3.16 - accept_transfer; 3.17 -
 * get_backup_device is a cast answered by continue_backup; 3.18 - reimage.
 */
public final class VolumeRpcApi {

  private final RpcClient client;

  public VolumeRpcApi(RpcClient client) {
    this.client = client;
  }

  private static Target on(Volume volume) {
    return VolumeTargets.of(volume.clusterName() != null ? volume.clusterName() : volume.host());
  }

  public Future<Void> createVolume(RequestContext ctx, Volume volume, JsonObject requestSpec,
      JsonObject filterProperties, boolean allowReschedule) {
    return client.cast(on(volume), ctx, new CreateVolume(requestSpec, filterProperties, allowReschedule, volume));
  }

  public Future<Void> deleteVolume(RequestContext ctx, Volume volume, boolean unmanageOnly, boolean cascade) {
    return client.cast(on(volume), ctx, new DeleteVolume(volume, unmanageOnly, cascade));
  }

  public Future<Void> extendVolume(RequestContext ctx, Volume volume, int newSize) {
    return client.cast(on(volume), ctx, new ExtendVolume(volume, newSize, new JsonArray()));
  }

  /** Sent to the source backend; {@code host} is {@code {host, cluster_name, capabilities}} of the target pool. */
  public Future<Void> migrateVolume(RequestContext ctx, Volume volume, JsonObject host, boolean forceHostCopy) {
    return client.cast(on(volume), ctx, new MigrateVolume(volume, host, forceHostCopy));
  }

  /** Since 3.17 a cast: the volume service answers with BackupRpcApi.continueBackup. */
  public Future<Void> getBackupDevice(RequestContext ctx, Backup backup, Volume volume) {
    return client.cast(on(volume), ctx, new GetBackupDevice(backup, true, true));
  }

  public Future<JsonObject> initializeConnection(RequestContext ctx, Volume volume, JsonObject connector) {
    return client.call(on(volume), ctx, new InitializeConnection(connector, volume))
        .map(r -> r instanceof JsonObject o ? o : new JsonObject());
  }

  public Future<Void> terminateConnection(RequestContext ctx, Volume volume, JsonObject connector, boolean force) {
    return client.call(on(volume), ctx, new TerminateConnection(volume.id(), connector, force)).mapEmpty();
  }

  /** {@code sync=true} makes it a call, as the backup service uses it. */
  public Future<Void> removeExport(RequestContext ctx, Volume volume, boolean sync) {
    RemoveExport message = new RemoveExport(volume.id());
    return sync ? client.call(on(volume), ctx, message).mapEmpty() : client.cast(on(volume), ctx, message);
  }

  /**
   * To the request's service_topic_queue: the cluster's shared queue when the service is clustered (any live
   * member takes it), else the service's own (docs/cinder-reference.md §9.2).
   */
  public Future<Void> doCleanup(RequestContext ctx, CleanupRequest request) {
    return client.cast(VolumeTargets.of(request.serviceTopicQueue()), ctx, new DoCleanup(request));
  }

  /** A call to the service (its cluster's queue when clustered): it marks itself disabled, reason frozen. */
  public Future<Boolean> freezeHost(RequestContext ctx, Service service) {
    return client.call(VolumeTargets.of(service.serviceTopicQueue()), ctx, new FreezeHost())
        .map(r -> !Boolean.FALSE.equals(r));
  }

  /** A call to the service: it enables itself again; false when the backend reported an error. */
  public Future<Boolean> thawHost(RequestContext ctx, Service service) {
    return client.call(VolumeTargets.of(service.serviceTopicQueue()), ctx, new ThawHost())
        .map(r -> !Boolean.FALSE.equals(r));
  }

  /** Asks every volume service for a capability report (the scheduler does this at start). */
  public Future<Void> publishServiceCapabilities(RequestContext ctx) {
    return client.cast(ServiceTopic.VOLUME.fanout(), ctx, new PublishServiceCapabilities());
  }
}
