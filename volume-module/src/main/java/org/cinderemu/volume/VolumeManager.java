package org.cinderemu.volume;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.Worker;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.cinderemu.common.objects.fields.WireEnum;
import org.cinderemu.common.rpc.RemoteError;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.rpc.api.BackupRpcApi;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.rpc.messages.volume.CreateVolume;
import org.cinderemu.common.rpc.messages.volume.DeleteVolume;
import org.cinderemu.common.rpc.messages.volume.DoCleanup;
import org.cinderemu.common.rpc.messages.volume.FreezeHost;
import org.cinderemu.common.rpc.messages.volume.ThawHost;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.service.WorkerCleanup;
import org.cinderemu.common.rpc.messages.volume.ExtendVolume;
import org.cinderemu.common.rpc.messages.volume.GetBackupDevice;
import org.cinderemu.common.rpc.messages.volume.InitializeConnection;
import org.cinderemu.common.rpc.messages.volume.MigrateVolume;
import org.cinderemu.common.rpc.messages.volume.PublishServiceCapabilities;
import org.cinderemu.common.rpc.messages.volume.RemoveExport;
import org.cinderemu.common.rpc.messages.volume.TerminateConnection;
import io.vertx.core.Vertx;
import org.cinderemu.volume.data.VolumeDataServer;
import org.cinderemu.volume.driver.DriverFault;
import org.cinderemu.volume.driver.EmulatedDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side of the volume RPC API for one backend (cinder/volume/manager.py): create, delete,
 * extend, capability reports, the init_host cleanup of docs/cinder-reference.md §5.4, and the connection calls through
 * which a backup service reads and writes a volume's bytes (over the backend's data endpoint).
 */
public final class VolumeManager {

  private static final Logger LOG = LoggerFactory.getLogger(VolumeManager.class);
  private static final List<String> COUNTED = WireEnum.wires(VolumeStatus.AVAILABLE, VolumeStatus.IN_USE,
      VolumeStatus.BACKING_UP, VolumeStatus.RESTORING_BACKUP, VolumeStatus.EXTENDING, VolumeStatus.MAINTENANCE,
      VolumeStatus.ERROR_EXTENDING, VolumeStatus.ERROR_RESTORING, VolumeStatus.DOWNLOADING, VolumeStatus.UPLOADING,
      VolumeStatus.ATTACHING, VolumeStatus.DETACHING, VolumeStatus.RESERVED, VolumeStatus.RETYPING);

  /**
   * Who this manager is: its {@code host@backend}, its cluster ({@code cluster@backend}, or null) and its
   * {@code services} id, which owns the {@code workers} rows of the work it takes.
   */
  public record Identity(String host, String clusterName, int serviceId, boolean addedToCluster) {
  }

  private final Database db;
  private final String host;
  private final Identity identity;
  private final EmulatedDriver driver;
  private final SchedulerRpcApi scheduler;
  private final BackupRpcApi backups;
  private final VolumeDataServer dataServer;
  private final VolumeMigration migration;

  public VolumeManager(Database db, Identity identity, EmulatedDriver driver, SchedulerRpcApi scheduler,
      BackupRpcApi backups, VolumeRpcApi volumes, VolumeDataServer dataServer, Vertx vertx,
      long migrationTimeoutMs) {
    this.db = db;
    this.host = identity.host();
    this.identity = identity;
    this.driver = driver;
    this.scheduler = scheduler;
    this.backups = backups;
    this.dataServer = dataServer;
    this.migration = new VolumeMigration(vertx, db, driver, volumes, migrationTimeoutMs);
  }

  public RpcDispatcher dispatcher() {
    return new RpcDispatcher(ServiceTopic.VOLUME.apiVersion())
        .register(CreateVolume.METHOD, CreateVolume::fromArgs, this::createVolume)
        .register(DeleteVolume.METHOD, DeleteVolume::fromArgs, this::deleteVolume)
        .register(ExtendVolume.METHOD, ExtendVolume::fromArgs, this::extendVolume)
        .register(PublishServiceCapabilities.METHOD, PublishServiceCapabilities::fromArgs,
            (ctx, ask) -> publishCapabilities(ctx))
        .register(GetBackupDevice.METHOD, GetBackupDevice::fromArgs, this::getBackupDevice)
        .register(InitializeConnection.METHOD, InitializeConnection::fromArgs, this::initializeConnection)
        .register(TerminateConnection.METHOD, TerminateConnection::fromArgs, this::terminateConnection)
        .register(RemoveExport.METHOD, RemoveExport::fromArgs, this::removeExport)
        .register(MigrateVolume.METHOD, MigrateVolume::fromArgs, this::migrateVolume)
        .register(DoCleanup.METHOD, DoCleanup::fromArgs, this::doCleanup)
        .register(FreezeHost.METHOD, FreezeHost::fromArgs, (ctx, m) -> setFrozenState(true))
        .register(ThawHost.METHOD, ThawHost::fromArgs, (ctx, m) -> setFrozenState(false));
  }

  /**
   * Rebuilds the pools' allocated counters, then cleans up what a crash left behind
   * (docs/cinder-reference.md §5.4).
   */
  public Future<Void> initHost() {
    Future<Void> joined = identity.addedToCluster()
        ? db.volumes().joinCluster(host, identity.clusterName())
            .onSuccess(n -> LOG.info("init_host: {} joined cluster {}: {} volume(s) given its name", host,
                identity.clusterName(), n))
            .mapEmpty()
        : Future.succeededFuture();
    return joined.compose(j -> db.volumes().listByHost(host, COUNTED))
        .compose(vols -> {
          vols.forEach(driver::countExisting);
          // a volume whose bytes are gone (an in-memory store, a wiped state dir) gets an empty disk again
          Future<Void> chain = Future.succeededFuture();
          for (Volume vol : vols) {
            String key = EmulatedDriver.dataKey(vol);
            chain = chain.compose(x -> driver.data().exists(key).compose(exists -> exists
                ? Future.succeededFuture() : driver.data().create(key, vol.size() * (1L << 30))));
          }
          return chain;
        })
        // Cinder's cleanup of this service's own workers rows, then the emulator's sweep of what is left
        .compose(v -> cleanup().run(new CleanupRequest(identity.serviceId(), null, null, null, null, null, null,
            null, null)))
        .compose(v -> db.volumes().listByHost(host, List.of(VolumeStatus.CREATING.wire())))
        .compose(creating -> {
          Future<Void> chain = Future.succeededFuture();
          for (Volume vol : creating) {
            chain = chain.compose(x -> db.volumes().updateStatus(vol.id(), List.of(VolumeStatus.CREATING.wire()),
                    VolumeStatus.ERROR.wire(), Map.of())
                .onSuccess(ok -> LOG.info("init_host: volume {} was creating on {}: now error", vol.id(), host))
                .compose(ok -> doneWith(vol.id()))
                .mapEmpty());
          }
          return chain;
        })
        .compose(v -> db.volumes().listByHost(host, List.of(VolumeStatus.DELETING.wire())))
        .compose(deleting -> {
          Future<Void> chain = Future.succeededFuture();
          RequestContext ctx = RequestContext.admin();
          for (Volume vol : deleting) {
            LOG.info("init_host: resuming the delete of volume {} on {}", vol.id(), host);
            chain = chain.compose(x -> finishDelete(ctx, vol).recover(e -> Future.succeededFuture()));
          }
          return chain;
        });
  }

  private WorkerCleanup cleanup() {
    return new WorkerCleanup(db, identity.serviceId(), this::cleanVolume);
  }

  /** {@code do_cleanup} from the scheduler: this live service cleans a dead one's work (its own, at start). */
  private Future<Void> doCleanup(RequestContext ctx, DoCleanup message) {
    return cleanup().run(message.cleanupRequest()).compose(outcome -> publishCapabilities(ctx));
  }

  /**
   * The volume manager's {@code _do_cleanup} (docs/cinder-reference.md §5.4): creating and downloading end in
   * error, uploading goes back to available or in-use, deleting is deleted again (keeping the row, which
   * the delete removes).
   */
  private Future<Boolean> cleanVolume(Volume vol) {
    VolumeStatus status = VolumeStatus.fromWire(vol.status()).orElse(null);
    if (status == VolumeStatus.DELETING) {
      return finishDelete(RequestContext.admin(), vol).map(true);
    }
    if (status == VolumeStatus.UPLOADING) {
      String back = "attached".equals(vol.attachStatus()) ? VolumeStatus.IN_USE.wire() : VolumeStatus.AVAILABLE.wire();
      return db.volumes().updateStatus(vol.id(), List.of(vol.status()), back, Map.of()).map(false);
    }
    if (status == VolumeStatus.CREATING || status == VolumeStatus.DOWNLOADING) {
      return db.volumes().updateStatus(vol.id(), List.of(vol.status()), VolumeStatus.ERROR.wire(), Map.of())
          .onSuccess(ok -> LOG.info("cleanup: volume {} was {}: now error", vol.id(), vol.status()))
          .map(false);
    }
    return Future.succeededFuture(false);
  }

  /**
   * The manager's {@code freeze_host} / {@code thaw_host}: the emulated driver has nothing to freeze, so only the
   * backend's service row changes: disabled with reason {@code frozen}, or enabled with an empty reason.
   */
  private Future<Boolean> setFrozenState(boolean frozen) {
    return db.services().findByHostAndBinary(host, ServiceTopic.VOLUME.topic())
        .compose(s -> s.isEmpty() ? Future.succeededFuture(false)
            : db.services().setDisabled(s.get().id(), frozen, frozen ? "frozen" : ""))
        .onSuccess(ok -> LOG.info("backend {} {}", host, frozen ? "frozen" : "thawed"))
        .map(true);
  }

  public Future<Void> publishCapabilities(RequestContext ctx) {
    JsonObject stats = driver.stats();
    String ts = RequestContext.now();
    return scheduler.updateServiceCapabilities(ctx, "volume", host, stats, identity.clusterName(), ts)
        .compose(v -> scheduler.notifyServiceCapabilities(ctx, "volume", host, stats, RequestContext.now()))
        .onFailure(e -> LOG.warn("capability report of {} failed: {}", host, e.getMessage()));
  }

  private Future<Void> createVolume(RequestContext ctx, CreateVolume message) {
    Volume sent = message.volume();
    JsonObject requestSpec = message.requestSpec();
    JsonObject filterProperties = message.filterProperties();
    boolean allowReschedule = message.allowReschedule();
    return db.volumes().find(sent.id()).compose(found -> {
      if (found.isEmpty() || !VolumeStatus.CREATING.is(found.get().status())) {
        LOG.info("create_volume {}: nothing to do (volume is {})", sent.id(),
            found.map(Volume::status).orElse("gone"));
        return Future.<Void>succeededFuture();
      }
      return takeOver(found.get(), VolumeStatus.CREATING.wire(), true).compose(vol -> driver.createVolume(vol)
          .compose(model -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("launched_at", db.now());
            values.put("provider_location", model.getString("provider_location"));
            String backupId = backupIdOf(requestSpec);
            // a volume restored from a backup is only available once the backup service has written it
            String created = backupId == null ? VolumeStatus.AVAILABLE.wire()
                : VolumeStatus.RESTORING_BACKUP.wire();
            return db.volumes().updateStatus(vol.id(), List.of(VolumeStatus.CREATING.wire()), created, values)
                .compose(applied -> {
                  if (!applied) {
                    driver.deleteVolume(vol);
                    LOG.info("volume {} changed while being created; backend copy dropped", vol.id());
                  } else {
                    LOG.info("volume {} created on {}", vol.id(), vol.host());
                  }
                  Future<Void> restore = applied && backupId != null ? restoreFrom(ctx, vol, backupId)
                      : Future.succeededFuture();
                  return restore.compose(r -> publishCapabilities(ctx));
                });
          })
          .recover(e -> createFailed(ctx, vol, requestSpec, filterProperties, allowReschedule, e))
          .eventually(() -> doneWith(vol.id())));
    });
  }

  /**
   * The work is this service's now: its {@code workers} row names this service id (Cinder's set_workers), and
   * in a cluster a new volume's host becomes this member's, keeping the pool (docs/cinder-reference.md §1.3).
   */
  private Future<Volume> takeOver(Volume vol, String status, boolean rehost) {
    Future<?> claimed = db.workers().add(Worker.VOLUME, vol.id(), status, identity.serviceId());
    if (!rehost || identity.clusterName() == null || vol.host() == null
        || HostString.extract(vol.host()).equals(host)) {
      return claimed.map(w -> vol);
    }
    String mine = HostString.append(host, HostString.extract(vol.host(), HostString.Level.POOL));
    return claimed.compose(w -> db.volumes().conditionalUpdate(vol.id(), Map.of("status", status),
            Map.of("host", mine)))
        .compose(ok -> db.volumes().get(vol.id()));
  }

  /** The {@code backup_id} of a create_volume request spec (a RequestSpec primitive), or null. */
  private static String backupIdOf(JsonObject requestSpec) {
    if (requestSpec == null) {
      return null;
    }
    JsonObject data = requestSpec.getValue(VersionedObjects.DATA) instanceof JsonObject d ? d : requestSpec;
    return data.getValue("backup_id") instanceof String id ? id : null;
  }

  /**
   * Cinder's {@code _create_from_backup} for a driver without create_volume_from_backup: the raw volume
   * exists ({@code restoring-backup}); the backup goes to {@code restoring} and its backup service is told to
   * write it. A backup that can no longer be claimed leaves the volume in {@code error}, never rescheduled.
   */
  private Future<Void> restoreFrom(RequestContext ctx, Volume vol, String backupId) {
    LOG.info("creating volume {} from backup {}", vol.id(), backupId);
    return db.backups().updateStatus(backupId, List.of(BackupStatus.AVAILABLE.wire()), BackupStatus.RESTORING.wire(),
            Map.of("restore_volume_id", vol.id()))
        .compose(claimed -> {
          if (!claimed) {
            return Future.failedFuture(new IllegalStateException("backup " + backupId + " is not available"));
          }
          return db.backups().get(backupId)
              .compose(backup -> backups.restoreBackup(ctx, backup.host(), backup, vol.id())
                  .recover(e -> db.backups().updateStatus(backupId, List.of(BackupStatus.RESTORING.wire()),
                          BackupStatus.AVAILABLE.wire(), Map.of())
                      .transform(x -> Future.failedFuture(e))));
        })
        .recover(e -> {
          LOG.warn("restore of backup {} into new volume {} could not start: {}", backupId,
              vol.id(), e.getMessage());
          return db.volumes().updateStatus(vol.id(), List.of(VolumeStatus.RESTORING_BACKUP.wire()),
              VolumeStatus.ERROR.wire(), Map.of()).mapEmpty();
        });
  }

  /** The API's {@code workers} row for this volume is done with (Cinder's cleanable bookkeeping). */
  private Future<Boolean> doneWith(String volumeId) {
    return db.workers().remove("Volume", volumeId).recover(e -> Future.succeededFuture(false));
  }

  private Future<Void> createFailed(RequestContext ctx, Volume vol, JsonObject requestSpec,
      JsonObject filterProperties, boolean allowReschedule, Throwable cause) {
    JsonObject retry = filterProperties.getJsonObject("retry");
    if (allowReschedule && requestSpec != null && retry != null) {
      LOG.warn("create of volume {} failed on {} ({}): rescheduling", vol.id(), host,
          cause.getMessage());
      retry.put("exc", cause.toString());
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("host", null);
      values.put("cluster_name", null);
      values.put("scheduled_at", db.now());
      return db.volumes().conditionalUpdate(vol.id(), Map.of("status", VolumeStatus.CREATING.wire()), values)
          .compose(ok -> db.volumes().get(vol.id()))
          .compose(fresh -> scheduler.rescheduleVolume(ctx, fresh, requestSpec, filterProperties));
    }
    LOG.warn("create of volume {} failed on {}: {}", vol.id(), host, cause.getMessage());
    return db.volumes().updateStatus(vol.id(), List.of(VolumeStatus.CREATING.wire()), VolumeStatus.ERROR.wire(),
        Map.of()).mapEmpty();
  }

  private Future<Void> deleteVolume(RequestContext ctx, DeleteVolume message) {
    String id = message.volume().id();
    return db.volumes().find(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      return takeOver(found.get(), found.get().status(), false).compose(vol -> finishDelete(ctx, vol)).recover(e -> {
        LOG.warn("delete of volume {} failed: {}", id, e.getMessage());
        return db.volumes().updateStatus(id, List.of(VolumeStatus.DELETING.wire()),
            VolumeStatus.ERROR_DELETING.wire(), Map.of()).mapEmpty();
      });
    });
  }

  /**
   * The bytes go first (idempotent), then the row and its quota in one transaction; only the delete whose soft
   * delete changed the row gives quota and pool capacity back, so a second delete_volume (a duplicate cast,
   * init_host resuming one already running) counts nothing twice.
   */
  private Future<Void> finishDelete(RequestContext ctx, Volume vol) {
    Map<String, Integer> quota = vol.useQuota() ? Map.of("volumes", 1, "gigabytes", vol.size()) : Map.of();
    // a deleted volume's attachments die with it (Cinder's delete_volume runs remove_export first)
    dataServer.unexport(EmulatedDriver.dataKey(vol));
    return driver.deleteData(vol)
        .compose(v -> db.quotas().inTransaction(vol.projectId(), quota.keySet(), tx ->
            db.volumes().softDelete(tx.connection(), vol.id())
                .compose(won -> tx.releaseIf(won, quota))))
        .onSuccess(won -> {
          if (won) {
            driver.releaseCapacity(vol);
            LOG.info("volume {} deleted from {}", vol.id(), host);
          } else {
            LOG.info("volume {} was already deleted by another request", vol.id());
          }
        })
        .eventually(() -> doneWith(vol.id()))
        .compose(v -> publishCapabilities(ctx));
  }

  /** On the source backend: moves the volume to {@code host.host} (a pool the scheduler checked). */
  private Future<Void> migrateVolume(RequestContext ctx, MigrateVolume message) {
    String id = message.volume().id();
    String target = message.targetHost();
    return db.volumes().get(id).compose(vol -> migration.migrate(ctx, vol, target))
        .compose(v -> db.volumes().get(id))
        .onSuccess(v -> LOG.info("volume {} migration {}: host is now {}", id,
            v.migrationStatus(), v.host()))
        .compose(v -> publishCapabilities(ctx));
  }

  /** Since 3.17 a cast: answers with continue_backup carrying a BackupDeviceInfo for the volume itself. */
  private Future<Void> getBackupDevice(RequestContext ctx, GetBackupDevice message) {
    Backup backup = message.backup();
    return db.volumes().get(backup.volumeId()).compose(volume -> db.backups().get(backup.id())
        .compose(fresh -> backups.continueBackup(ctx, fresh, volume)));
  }

  /** Exports the volume on the data endpoint under a fresh token: the caller reads and writes over HTTP. */
  private Future<JsonObject> initializeConnection(RequestContext ctx, InitializeConnection message) {
    Volume volume = message.volume();
    String owner = connectorHost(message.connector());
    return driver.operation(DriverFault.INITIALIZE_CONNECTION)
        .compose(x -> db.volumes().get(volume.id()))
        .compose(v -> dataServer.initializeConnection(EmulatedDriver.dataKey(v), owner))
        .onSuccess(info -> LOG.info("volume {} exported at {}", volume.id(),
            info.getJsonObject("data").getString("url")));
  }

  /** Revokes only this connector's access, as a driver's terminate_connection detaches one host. */
  private Future<Void> terminateConnection(RequestContext ctx, TerminateConnection message) {
    String owner = connectorHost(message.connector());
    return driver.operation(DriverFault.TERMINATE_CONNECTION)
        .compose(x -> db.volumes().find(message.volumeId())).map(found -> {
      found.ifPresent(v -> dataServer.terminateConnection(EmulatedDriver.dataKey(v), owner));
      return null;
    });
  }

  private static String connectorHost(JsonObject connector) {
    return connector.getValue("host") instanceof String h ? h : "unknown";
  }

  private Future<Void> removeExport(RequestContext ctx, RemoveExport message) {
    return unexport(message.volumeId());
  }

  private Future<Void> unexport(String volumeId) {
    return db.volumes().find(volumeId).map(found -> {
      found.ifPresent(v -> dataServer.unexport(EmulatedDriver.dataKey(v)));
      return null;
    });
  }

  private Future<Void> extendVolume(RequestContext ctx, ExtendVolume message) {
    String id = message.volume().id();
    int newSize = message.newSize();
    return db.volumes().get(id).compose(vol -> {
      int delta = newSize - vol.size();
      return driver.extendVolume(vol, newSize)
          .compose(v -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("size", newSize);
            values.put("previous_status", null);
            String back = vol.previousStatus() == null ? VolumeStatus.AVAILABLE.wire() : vol.previousStatus();
            return db.volumes().updateStatus(id, List.of(VolumeStatus.EXTENDING.wire()), back, values);
          })
          .compose(ok -> publishCapabilities(ctx))
          .onSuccess(v -> LOG.info("volume {} extended to {} GB", id, newSize))
          .recover(e -> {
            LOG.warn("extend of volume {} failed: {}", id, e.getMessage());
            return db.volumes().updateStatusReleasingGigabytes(vol, List.of(VolumeStatus.EXTENDING.wire()),
                    VolumeStatus.ERROR_EXTENDING.wire(), Map.of(), delta)
                .compose(x -> Future.failedFuture(e instanceof RemoteError ? e : RemoteError.wrap(e)));
          });
    });
  }
}
