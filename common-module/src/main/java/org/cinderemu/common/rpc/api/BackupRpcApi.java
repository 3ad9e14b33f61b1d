package org.cinderemu.common.rpc.api;

import io.vertx.core.Future;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.rpc.messages.backup.ContinueBackup;
import org.cinderemu.common.rpc.messages.backup.CreateBackup;
import org.cinderemu.common.rpc.messages.backup.DeleteBackup;
import org.cinderemu.common.rpc.messages.backup.PublishServiceCapabilities;
import org.cinderemu.common.rpc.messages.backup.ResetStatus;
import org.cinderemu.common.rpc.messages.backup.RestoreBackup;

/**
 * Client side of the backup RPC API (cinder/backup/rpcapi.py): topic {@code cinder-backup}, server
 * = the backup's host, so routing key {@code cinder-backup.<host>} (docs/cinder-reference.md §4.4). The
 * messages themselves are the records of {@code rpc.messages.backup}.
 *
 * <p>API version history (as Cinder's): 2.0 - Remove 1.x compatibility; 2.1 - set/get_log_levels;
 * 2.2 - publish_service_capabilities; 2.3 - continue_backup.
 */
public final class BackupRpcApi {

  private final RpcClient client;

  public BackupRpcApi(RpcClient client) {
    this.client = client;
  }

  private static Target on(String host) {
    return Target.server(ServiceTopic.BACKUP.topic(), host);
  }

  public Future<Void> createBackup(RequestContext ctx, Backup backup) {
    return client.cast(on(backup.host()), ctx, new CreateBackup(backup));
  }

  /** The volume service's answer to get_backup_device: the device is {@code volume} itself. */
  public Future<Void> continueBackup(RequestContext ctx, Backup backup, Volume volume) {
    return client.cast(on(backup.host()), ctx, new ContinueBackup(backup, volume, false));
  }

  public Future<Void> restoreBackup(RequestContext ctx, String host, Backup backup, String volumeId) {
    return client.cast(on(host), ctx, new RestoreBackup(backup, volumeId));
  }

  public Future<Void> deleteBackup(RequestContext ctx, Backup backup) {
    return client.cast(on(backup.host()), ctx, new DeleteBackup(backup));
  }

  /** {@code status} is a BackupStatus wire string (the API validated it); any other fails the future. */
  public Future<Void> resetStatus(RequestContext ctx, Backup backup, String status) {
    return BackupStatus.fromWire(status)
        .map(s -> client.cast(on(backup.host()), ctx, new ResetStatus(backup, s)))
        .orElseGet(() -> Future.failedFuture(new IllegalArgumentException("not a backup status: " + status)));
  }

  public Future<Void> publishServiceCapabilities(RequestContext ctx) {
    return client.cast(ServiceTopic.BACKUP.fanout(), ctx, new PublishServiceCapabilities());
  }
}
