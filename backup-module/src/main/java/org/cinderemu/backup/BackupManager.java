package org.cinderemu.backup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cinderemu.backup.driver.BackupDriver;
import org.cinderemu.backup.driver.BackupRequest;
import org.cinderemu.backup.driver.BackupResult;
import org.cinderemu.backup.driver.StoredBackup;
import org.cinderemu.common.data.VolumeDataClient;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.cinderemu.common.objects.fields.WireEnum;
import org.cinderemu.common.rpc.RemoteError;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.rpc.messages.backup.ContinueBackup;
import org.cinderemu.common.rpc.messages.backup.CreateBackup;
import org.cinderemu.common.rpc.messages.backup.DeleteBackup;
import org.cinderemu.common.rpc.messages.backup.PublishServiceCapabilities;
import org.cinderemu.common.rpc.messages.backup.ResetStatus;
import org.cinderemu.common.rpc.messages.backup.RestoreBackup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side of the backup RPC API (cinder/backup/manager.py), Zed's flow (docs/cinder-reference.md §4.5):
 * create_backup asks
 * the volume's backend for the device (get_backup_device, a cast answered by continue_backup), then the
 * bytes are read over the connection initialize_connection returns, chunked by the driver, and the
 * connection is terminated and the export removed. Restore and delete come straight from the API.
 */
public final class BackupManager {

  public static final String INCOMPLETE = "incomplete backup reset on manager restart";
  private static final Logger LOG = LoggerFactory.getLogger(BackupManager.class);

  private final Vertx vertx;
  private final Database db;
  private final String host;
  private final String availabilityZone;
  private final SchedulerRpcApi scheduler;
  private final VolumeRpcApi volumes;
  private final BackupDriver driver;
  private final JsonObject connector;
  private long copyLatencyMs;
  private OperationLimit operations = new OperationLimit(0);

  public BackupManager(Vertx vertx, Database db, String host, String availabilityZone, SchedulerRpcApi scheduler,
      VolumeRpcApi volumes, BackupDriver driver) {
    this.vertx = vertx;
    this.db = db;
    this.host = host;
    this.availabilityZone = availabilityZone;
    this.scheduler = scheduler;
    this.volumes = volumes;
    this.driver = driver;
    // what os-brick would report for this node (captured message 09 has the real one)
    this.connector = new JsonObject().put("platform", "x86_64").put("os_type", "linux").put("ip", "127.0.0.1")
        .put("host", host).put("multipath", false).put("initiator", "iqn.2004-10.org.cinderemu:" + host)
        .put("do_local_attach", false).put("nvme_native_multipath", false);
  }

  /** An emulator knob: how long each backup waits before copying (to widen crash windows in experiments). */
  public BackupManager withCopyLatency(long ms) {
    this.copyLatencyMs = ms;
    return this;
  }

  /** Cinder's backup_max_operations: backups and restores beyond it wait for a slot before moving data. */
  public BackupManager withMaxOperations(int limit) {
    this.operations = new OperationLimit(limit);
    return this;
  }

  private Future<Void> latency() {
    if (copyLatencyMs <= 0) {
      return Future.succeededFuture();
    }
    return vertx.timer(copyLatencyMs);
  }

  public RpcDispatcher dispatcher() {
    return new RpcDispatcher(ServiceTopic.BACKUP.apiVersion())
        .register(PublishServiceCapabilities.METHOD, PublishServiceCapabilities::fromArgs,
            (ctx, ask) -> publishCapabilities(ctx))
        .register(CreateBackup.METHOD, CreateBackup::fromArgs, this::createBackup)
        .register(ContinueBackup.METHOD, ContinueBackup::fromArgs, this::continueBackup)
        .register(RestoreBackup.METHOD, RestoreBackup::fromArgs, this::restoreBackup)
        .register(DeleteBackup.METHOD, DeleteBackup::fromArgs, this::deleteBackup)
        .register(ResetStatus.METHOD, ResetStatus::fromArgs, this::resetStatus);
  }

  /** The backup service's report (docs/cinder-reference.md §5.5): the scheduler picks backup hosts from these. */
  public Future<Void> publishCapabilities(RequestContext ctx) {
    JsonObject caps = new JsonObject().put("backend_state", true).put("driver_name", driver.serviceName())
        .put("availability_zone", availabilityZone);
    return scheduler.updateServiceCapabilities(ctx, "backup", host, caps, null, RequestContext.now())
        .compose(v -> scheduler.notifyServiceCapabilities(ctx, "backup", host, caps, RequestContext.now()))
        .onFailure(e -> LOG.warn("capability report of backup {} failed: {}", host,
            e.getMessage()));
  }

  /** What a crash left behind on this host (docs/cinder-reference.md §5.4's table for the backup service). */
  public Future<Void> initHost() {
    RequestContext ctx = RequestContext.admin();
    return db.backups().listByHost(host, WireEnum.wires(BackupStatus.CREATING, BackupStatus.RESTORING,
        BackupStatus.DELETING)).compose(list -> {
      Future<Void> chain = Future.succeededFuture();
      for (Backup b : list) {
        chain = chain.compose(v -> cleanUp(ctx, b).recover(e -> {
          LOG.warn("init_host: cleanup of backup {} failed: {}", b.id(), e.getMessage());
          return Future.succeededFuture();
        }));
      }
      return chain;
    });
  }

  private Future<Void> cleanUp(RequestContext ctx, Backup b) {
    if (BackupStatus.CREATING.is(b.status())) {
      LOG.info("init_host: backup {} was creating: now error", b.id());
      // Cinder's _cleanup_one_volume gives the volume its previous status and leaves previous_status alone
      return backupFailed(b, INCOMPLETE, VolumeStatus.BACKING_UP.wire(), null);
    }
    if (BackupStatus.RESTORING.is(b.status())) {
      LOG.info("init_host: backup {} was restoring into {}: backup available, volume error_restoring", b.id(),
          b.restoreVolumeId());
      return db.backups().updateStatus(b.id(), List.of(BackupStatus.RESTORING.wire()), BackupStatus.AVAILABLE.wire(),
              Map.of())
          .compose(v -> b.restoreVolumeId() == null ? Future.succeededFuture() : db.volumes()
              .updateStatus(b.restoreVolumeId(), List.of(VolumeStatus.RESTORING_BACKUP.wire()),
                  VolumeStatus.ERROR_RESTORING.wire(), Map.of()))
          .mapEmpty();
    }
    LOG.info("init_host: resuming the delete of backup {}", b.id());
    return finishDelete(ctx, b);
  }

  // ---- create: create_backup -> get_backup_device (cast) -> continue_backup ----

  private Future<Void> createBackup(RequestContext ctx, CreateBackup message) {
    Backup sent = message.backup();
    return db.backups().get(sent.id()).compose(backup -> {
      if (!BackupStatus.CREATING.is(backup.status())) {
        LOG.info("create_backup {}: backup is {}, nothing to do", backup.id(), backup.status());
        return Future.<Void>succeededFuture();
      }
      return db.backups().update(backup.id(), Map.of("service", driver.serviceName()))
          .compose(v -> db.volumes().get(backup.volumeId()))
          .compose(volume -> {
            LOG.info("backup {}: asking {} for the device of volume {}", backup.id(),
                volume.host(), volume.id());
            return volumes.getBackupDevice(ctx, backup, volume);
          })
          .recover(e -> backupFailed(backup, e.getMessage(), VolumeStatus.BACKING_UP.wire()));
    });
  }

  private Future<Void> continueBackup(RequestContext ctx, ContinueBackup message) {
    Backup sent = message.backup();
    Volume deviceVolume = message.volume();
    return db.backups().get(sent.id()).compose(backup -> latency().compose(x -> db.volumes().get(deviceVolume.id()))
        .compose(volume -> parentOf(backup).map(parent -> new BackupRequest(backup.id(), volume.id(),
                backup.container(), backup.displayName(), backup.displayDescription(), backup.createdAt(), parent))
            .compose(request -> recordLocation(request)
                .compose(location -> attached(ctx, volume, client -> driver.backup(request, location, client)))))
        .compose(result -> backupDone(ctx, backup, result))
        .recover(e -> {
          LOG.warn("backup {} failed: {}", backup.id(), e.getMessage());
          return backupFailed(backup, e.getMessage(), VolumeStatus.BACKING_UP.wire());
        }));
  }

  /**
   * Container and object prefix go on the row before the first object is written (Cinder's _prepare_backup):
   * a delete after a crash mid-backup then finds every file the backup left.
   */
  private Future<StoredBackup> recordLocation(BackupRequest request) {
    return driver.prepare(request).compose(location -> {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("container", location.container());
      values.put("service_metadata", location.serviceMetadata());
      return db.backups().updateStatus(request.backupId(), List.of(BackupStatus.CREATING.wire()),
          BackupStatus.CREATING.wire(), values)
          .compose(stored -> stored ? Future.succeededFuture(location) : Future.failedFuture(
              new IllegalStateException("backup " + request.backupId() + " is no longer creating")));
    });
  }

  private Future<StoredBackup> parentOf(Backup backup) {
    if (backup.parentId() == null) {
      return Future.succeededFuture(null);
    }
    return db.backups().get(backup.parentId())
        .map(p -> new StoredBackup(p.id(), p.container(), p.serviceMetadata()));
  }

  private Future<Void> backupDone(RequestContext ctx, Backup backup, BackupResult result) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("size", result.sizeGb());
    values.put("container", result.container());
    values.put("service_metadata", result.serviceMetadata());
    values.put("object_count", result.objectCount());
    values.put("service", result.service());
    return db.volumes().get(backup.volumeId())
        .compose(volume -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("previous_status", VolumeStatus.BACKING_UP.wire());
          String back = volume.previousStatus() == null ? VolumeStatus.AVAILABLE.wire()
              : volume.previousStatus();
          return db.volumes().updateStatus(volume.id(), List.of(VolumeStatus.BACKING_UP.wire()), back, v);
        })
        .compose(v -> db.backups().updateStatus(backup.id(), List.of(BackupStatus.CREATING.wire()),
            BackupStatus.AVAILABLE.wire(), values))
        .compose(v -> backup.parentId() == null ? Future.succeededFuture() : db.backups().get(backup.parentId())
            .compose(p -> db.backups().update(p.id(), Map.of("num_dependent_backups", p.numDependentBackups() + 1))))
        .onSuccess(v -> LOG.info("backup {} of volume {} available ({} objects)", backup.id(),
            backup.volumeId(), result.objectCount()))
        .mapEmpty();
  }

  /** Backup → error with {@code reason}; its volume leaves {@code volumeStatus} for its previous status. */
  private Future<Void> backupFailed(Backup backup, String reason, String volumeStatus) {
    return backupFailed(backup, reason, volumeStatus, VolumeStatus.ERROR_BACKING_UP.wire());
  }

  /** As above; the volume's previous_status becomes {@code newPreviousStatus}, unless that is null. */
  private Future<Void> backupFailed(Backup backup, String reason, String volumeStatus, String newPreviousStatus) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("fail_reason", reason);
    return db.backups().updateStatus(backup.id(), List.of(BackupStatus.CREATING.wire()), BackupStatus.ERROR.wire(), b)
        .compose(v -> db.volumes().find(backup.volumeId()))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture();
          }
          Volume volume = found.get();
          Map<String, Object> values = new LinkedHashMap<>();
          if (newPreviousStatus != null) {
            values.put("previous_status", newPreviousStatus);
          }
          String back = volume.previousStatus() == null ? VolumeStatus.AVAILABLE.wire()
              : volume.previousStatus();
          return db.volumes().updateStatus(volume.id(), List.of(volumeStatus), back, values).mapEmpty();
        });
  }

  // ---- restore ----

  private Future<Void> restoreBackup(RequestContext ctx, RestoreBackup message) {
    Backup sent = message.backup();
    String volumeId = message.volumeId();
    return db.backups().get(sent.id()).compose(backup -> db.volumes().get(volumeId)
        .compose(volume -> attached(ctx, volume,
            client -> driver.restore(new StoredBackup(backup.id(), backup.container(), backup.serviceMetadata()),
                client)))
        .compose(v -> db.volumes().updateStatus(volumeId, List.of(VolumeStatus.RESTORING_BACKUP.wire()),
            VolumeStatus.AVAILABLE.wire(), Map.of()))
        .compose(v -> db.backups().updateStatus(backup.id(), List.of(BackupStatus.RESTORING.wire()),
            BackupStatus.AVAILABLE.wire(), Map.of()))
        .onSuccess(v -> LOG.info("backup {} restored into volume {}", backup.id(), volumeId))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("restore of backup {} into {} failed: {}", backup.id(), volumeId,
              e.getMessage());
          return db.volumes().updateStatus(volumeId, List.of(VolumeStatus.RESTORING_BACKUP.wire()),
                  VolumeStatus.ERROR_RESTORING.wire(), Map.of())
              .compose(v -> db.backups().updateStatus(backup.id(), List.of(BackupStatus.RESTORING.wire()),
                  BackupStatus.AVAILABLE.wire(), Map.of()))
              .mapEmpty();
        }));
  }

  /**
   * Runs {@code work} with a client on the volume's bytes: initialize_connection (call) before,
   * terminate_connection and remove_export (calls) after, whatever the outcome.
   */
  private <T> Future<T> attached(RequestContext ctx, Volume volume, Function<VolumeDataClient, Future<T>> work) {
    return operations.run(() -> attachedNow(ctx, volume, work));
  }

  private <T> Future<T> attachedNow(RequestContext ctx, Volume volume, Function<VolumeDataClient, Future<T>> work) {
    return volumes.initializeConnection(ctx, volume, connector).compose(info -> {
      VolumeDataClient client = VolumeDataClient.open(vertx, info);
      return work.apply(client)
          .eventually(() -> client.close())
          .eventually(() -> volumes.terminateConnection(ctx, volume, connector, true)
              .compose(v -> volumes.removeExport(ctx, volume, true))
              .recover(e -> {
                LOG.warn("detaching volume {} failed: {}", volume.id(), e.getMessage());
                return Future.succeededFuture();
              }));
    });
  }

  // ---- delete and reset ----

  private Future<Void> deleteBackup(RequestContext ctx, DeleteBackup message) {
    Backup sent = message.backup();
    return db.backups().find(sent.id()).compose(found -> found.isEmpty() ? Future.<Void>succeededFuture()
        : finishDelete(ctx, found.get()).recover(e -> {
          LOG.warn("delete of backup {} failed: {}", sent.id(), e.getMessage());
          return db.backups().updateStatus(sent.id(), List.of(BackupStatus.DELETING.wire()), BackupStatus.ERROR.wire(),
              Map.of("fail_reason", String.valueOf(e.getMessage()))).mapEmpty();
        }));
  }

  private Future<Void> finishDelete(RequestContext ctx, Backup backup) {
    return driver.delete(new StoredBackup(backup.id(), backup.container(), backup.serviceMetadata()))
        // the row and its quota in one transaction, released only by the delete that deleted the row
        .compose(v -> db.quotas().inTransaction(backup.projectId(), List.of("backups", "backup_gigabytes"), tx ->
            db.backups().softDelete(tx.connection(), backup.id()).compose(won -> tx.releaseIf(won, Map.of("backups",
                1, "backup_gigabytes", backup.size() == null ? 0 : backup.size())))))
        .compose(v -> backup.parentId() == null ? Future.succeededFuture() : db.backups().find(backup.parentId())
            .compose(p -> p.isEmpty() ? Future.succeededFuture(true) : db.backups().update(p.get().id(),
                Map.of("num_dependent_backups", Math.max(0, p.get().numDependentBackups() - 1)))))
        .onSuccess(v -> LOG.info("backup {} deleted", backup.id()))
        .mapEmpty();
  }

  /** The status was checked against BackupStatus when the message was parsed; the backup must exist. */
  private Future<Void> resetStatus(RequestContext ctx, ResetStatus message) {
    Backup sent = message.backup();
    String status = message.status().wire();
    return db.backups().update(sent.id(), Map.of("status", status)).compose(changed -> {
      if (!changed) {
        return rejected("reset_status: backup " + sent.id() + " does not exist");
      }
      LOG.info("backup {} reset to {}", sent.id(), status);
      return Future.succeededFuture();
    });
  }

  /**
   * Refuses a message that must change nothing: failed in the dispatcher's module, so the RPC server logs it
   * in one line and counts it as rejected (RpcStats.rejected), as it does an unknown method.
   */
  private static Future<Void> rejected(String reason) {
    return Future.failedFuture(new RemoteError("InvalidBackup", RemoteError.DISPATCHER, reason, null));
  }
}
