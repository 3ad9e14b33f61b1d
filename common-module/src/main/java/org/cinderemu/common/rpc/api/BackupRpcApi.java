package org.cinderemu.common.rpc.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.Target;

/**
 * Client side of the backup RPC API (cinder/backup/rpcapi.py): topic {@code cinder-backup}, server
 * = the backup's host, so routing key {@code cinder-backup.<host>} (docs/cinder-reference.md §4.4).
 *
 * <p>API version history (as Cinder's): 2.0 - Remove 1.x compatibility; 2.1 - set/get_log_levels;
 * 2.2 - publish_service_capabilities; 2.3 - continue_backup.
 */
public final class BackupRpcApi {

  public static final String TOPIC = "cinder-backup";
  public static final String RPC_API_VERSION = "2.3";

  private final RpcClient client;

  public BackupRpcApi(RpcClient client) {
    this.client = client;
  }

  private static Target target(String host, String version) {
    return Target.server(TOPIC, host).withVersion(version);
  }

  private static JsonObject backupArg(Backup backup) {
    return new JsonObject().put("backup", VersionedObjects.toPrimitive(backup));
  }

  public Future<Void> createBackup(RequestContext ctx, Backup backup) {
    return client.cast(target(backup.host(), "2.0"), ctx, "create_backup", backupArg(backup));
  }

  /** The volume service's answer to get_backup_device; {@code backupDevice} is a BackupDeviceInfo primitive. */
  public Future<Void> continueBackup(RequestContext ctx, Backup backup, JsonObject backupDevice) {
    return client.cast(target(backup.host(), "2.0"), ctx, "continue_backup",
        backupArg(backup).put("backup_device", backupDevice));
  }

  public Future<Void> restoreBackup(RequestContext ctx, String host, Backup backup, String volumeId) {
    return client.cast(target(host, "2.0"), ctx, "restore_backup",
        backupArg(backup).put("volume_id", volumeId));
  }

  public Future<Void> deleteBackup(RequestContext ctx, Backup backup) {
    return client.cast(target(backup.host(), "2.0"), ctx, "delete_backup", backupArg(backup));
  }

  public Future<Void> resetStatus(RequestContext ctx, Backup backup, String status) {
    return client.cast(target(backup.host(), "2.0"), ctx, "reset_status", backupArg(backup).put("status", status));
  }

  public Future<Void> publishServiceCapabilities(RequestContext ctx) {
    return client.fanoutCast(Target.topic(TOPIC).withVersion("2.2"), ctx, "publish_service_capabilities",
        new JsonObject());
  }
}
