package org.cinderemu.api.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /backups/{id}/restore} (backup_api.restore): into a given volume, or one created through the
 * volume API's own create path and awaited; ends in {@code BackupRpcApi.restoreBackup}.
 */
final class RestoreBackup {

  private static final Logger LOG = LoggerFactory.getLogger(RestoreBackup.class);
  private static final String RESTORE_DESCRIPTION = "auto-created_from_restore_from_backup";

  private final ApiEnvironment env;
  private final Database db;
  private final BackupApi backups;
  private final VolumeApi volumes;
  private final BackupHostPicker hosts;
  private final Duration restoreWait;
  private final Duration restorePoll;

  RestoreBackup(ApiEnvironment env, BackupApi backups, VolumeApi volumes, BackupHostPicker hosts,
      Duration restoreWait, Duration restorePoll) {
    this.env = env;
    this.db = env.db();
    this.backups = backups;
    this.volumes = volumes;
    this.hosts = hosts;
    this.restoreWait = restoreWait;
    this.restorePoll = restorePoll;
  }

  /**
   * Backup {@code available}; the target volume given (it must be {@code available} and large enough) or
   * created through the volume API's own create path and awaited; then a usable backup service, volume
   * {@code restoring-backup}, backup {@code restoring} and {@code BackupRpcApi.restoreBackup} to that host.
   *
   * @param vertx for the timers of the wait on a volume the restore creates itself
   */
  Future<BackupApi.RestoreResult> restore(ApiContext ctx, Vertx vertx, String id, String volumeId, String name) {
    return ApiErrors.translated(backups.get(ctx, id).compose(backup -> {
      if (!BackupStatus.AVAILABLE.is(backup.status())) {
        return Future.failedFuture(ApiException.badRequest("Invalid backup: Backup status must be available"));
      }
      if (backup.size() == null) {
        return Future.failedFuture(ApiException.badRequest(
            "Invalid backup: Backup to be restored has invalid size"));
      }
      Future<Volume> target = volumeId == null ? newVolume(ctx, vertx, backup, name) : volumes.get(ctx, volumeId);
      return target.compose(volume -> restoreInto(ctx, backup, volume));
    }));
  }

  private Future<Volume> newVolume(ApiContext ctx, Vertx vertx, Backup backup, String name) {
    String volumeName = name != null ? name : "restore_backup_" + backup.id();
    LOG.info("Creating volume of {} GB for restore of backup {}.", backup.size(), backup.id());
    VolumeCreateRequest create = new VolumeCreateRequest(backup.size(), volumeName, RESTORE_DESCRIPTION, null, null,
        Map.of(), null);
    long deadline = System.nanoTime() + restoreWait.toNanos();
    return volumes.create(ctx, create)
        .compose(created -> awaitCreated(vertx, created.id(), deadline))
        .compose(volume -> VolumeStatus.ERROR.is(volume.status())
            ? Future.failedFuture(ApiException.badRequest("Invalid volume: Error while creating volume "
                + volume.id() + " for restoring backup " + backup.id() + "."))
            : Future.succeededFuture(volume));
  }

  /** Re-reads the volume every poll interval until it is no longer {@code creating}, or the deadline passes. */
  private Future<Volume> awaitCreated(Vertx vertx, String volumeId, long deadlineNanos) {
    return db.volumes().get(volumeId).compose(volume -> {
      if (!VolumeStatus.CREATING.is(volume.status()) || System.nanoTime() >= deadlineNanos) {
        return Future.succeededFuture(volume);
      }
      return vertx.timer(restorePoll.toMillis()).compose(t -> awaitCreated(vertx, volumeId, deadlineNanos));
    });
  }

  private Future<BackupApi.RestoreResult> restoreInto(ApiContext ctx, Backup backup, Volume volume) {
    if (!VolumeStatus.AVAILABLE.is(volume.status())) {
      return Future.failedFuture(notRestorableInto());
    }
    int volumeSize = volume.size() == null ? 0 : volume.size();
    if (backup.size() > volumeSize) {
      return Future.failedFuture(ApiException.badRequest("Invalid volume: volume size " + volumeSize
          + " is too small to restore backup of size " + backup.size() + "."));
    }
    LOG.info("Overwriting volume {} with restore of backup {}", volume.id(), backup.id());
    return hosts.pick(backup.host(), backup.availabilityZone()).compose(host ->
        db.volumes().updateStatus(volume.id(), List.of(VolumeStatus.AVAILABLE.wire()),
                VolumeStatus.RESTORING_BACKUP.wire(), Map.of())
            .compose(volumeClaimed -> {
              if (!volumeClaimed) {
                return Future.failedFuture(notRestorableInto());
              }
              Map<String, Object> values = new LinkedHashMap<>();
              values.put("restore_volume_id", volume.id());
              values.put("host", host);
              return db.backups().updateStatus(backup.id(), List.of(BackupStatus.AVAILABLE.wire()),
                      BackupStatus.RESTORING.wire(), values)
                  .compose(backupClaimed -> backupClaimed ? Future.<Void>succeededFuture()
                      : db.volumes().updateStatus(volume.id(), List.of(VolumeStatus.RESTORING_BACKUP.wire()),
                          VolumeStatus.AVAILABLE.wire(), Map.of())
                          .transform(x -> Future.failedFuture(ApiException.badRequest(
                              "Invalid backup: Backup status must be available"))));
            })
            .compose(v -> env.backups().restoreBackup(RpcContexts.from(ctx), host, backup.toBuilder()
                .status(BackupStatus.RESTORING.wire()).restoreVolumeId(volume.id()).host(host).build(), volume.id()))
            .map(v -> new BackupApi.RestoreResult(backup.id(), volume.id(), volume.displayName())));
  }

  private static ApiException notRestorableInto() {
    return ApiException.badRequest("Invalid volume: Volume to be restored to must be available");
  }
}
