package org.cinderemu.api.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.ListQuery;
import org.cinderemu.common.db.MarkerNotFoundException;
import org.cinderemu.common.db.Not;
import org.cinderemu.common.db.QuotaExceededException;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.QuotaUsage;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.cinderemu.common.objects.fields.WireEnum;
import org.cinderemu.common.rpc.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller side of backup operations (cinder/backup/api.py, Zed): checks, quota and database writes, then
 * one RPC. Create hands the backup to the scheduler, which picks the backup host; delete, restore and
 * reset-status pick it here ({@link BackupHostPicker}, docs/cinder-reference.md §1.6). State changes are
 * compare-and-set
 * (docs/cinder-reference.md §7.1, §7.2), and a refused request leaves no row, no quota and no status change behind.
 */
public final class BackupApi {

  private static final Logger LOG = LoggerFactory.getLogger(BackupApi.class);

  static final List<String> DELETABLE = WireEnum.wires(BackupStatus.AVAILABLE, BackupStatus.ERROR);
  private static final Duration RESTORE_VOLUME_WAIT = Duration.ofSeconds(60);
  // Cinder's restore polls the new volume once a second
  private static final Duration RESTORE_VOLUME_POLL = Duration.ofSeconds(1);

  private final ApiEnvironment env;
  private final Database db;
  private final VolumeApi volumes;
  private final BackupHostPicker hosts;
  private final RestoreBackup restores;

  /**
   * @param restoreWait how long a restore waits for the volume it created to leave {@code creating} (Cinder
   *     waits forever; the emulator gives up after this and answers as for a volume that is not available)
   */
  public BackupApi(ApiEnvironment env, VolumeApi volumes, BackupHostPicker hosts, Duration restoreWait,
      Duration restorePoll) {
    this.env = env;
    this.db = env.db();
    this.volumes = volumes;
    this.hosts = hosts;
    this.restores = new RestoreBackup(env, this, volumes, hosts, restoreWait, restorePoll);
  }

  /**
   * With Cinder's 1 s restore poll, bounded at 60 s, and {@code backup_use_same_host} from {@code conf}.
   *
   * @param volumes the volume API whose create path a restore without a target volume goes through
   */
  public static BackupApi create(ApiEnvironment env, VolumeApi volumes, CinderConf conf) {
    return new BackupApi(env, volumes, BackupHostPicker.from(env, conf), RESTORE_VOLUME_WAIT, RESTORE_VOLUME_POLL);
  }

  /** As {@link #create(ApiEnvironment, VolumeApi, CinderConf)} with a volume API of its own. */
  public static BackupApi create(ApiEnvironment env, CinderConf conf) {
    return create(env, new VolumeApi(env, new TypeApi(env)), conf);
  }

  /**
   * A validated {@code POST /backups} body.
   *
   * @param metadata empty below microversion 3.43
   * @param availabilityZone 3.51+: accepted and, as in Zed, not stored
   */
  public record CreateRequest(String volumeId, String name, String description, String container,
      boolean incremental, boolean force, String snapshotId, Map<String, String> metadata,
      String availabilityZone) {

    public CreateRequest {
      metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
  }

  /** What {@code POST /backups/{id}/restore} answers. */
  public record RestoreResult(String backupId, String volumeId, String volumeName) {
  }

  // ---- create ----

  /**
   * Volume {@code available} (or {@code in-use} with force) → in one transaction volume {@code backing-up}
   * with its previous status, the quota and the backup row {@code creating} without a host →
   * {@code SchedulerRpcApi.createBackup}.
   */
  public Future<Backup> create(ApiContext ctx, CreateRequest req) {
    return ApiErrors.translated(volumes.get(ctx, req.volumeId()).compose(volume -> {
      if (req.snapshotId() != null) {
        return Future.failedFuture(ApiException.badRequest("Invalid snapshot: Backups of snapshots are not "
            + "supported by the emulator (it has no snapshots)."));
      }
      String status = volume.status();
      if (!VolumeStatus.AVAILABLE.is(status) && !VolumeStatus.IN_USE.is(status)) {
        return Future.failedFuture(notBackupable(status));
      }
      if (VolumeStatus.IN_USE.is(status) && !req.force()) {
        return Future.failedFuture(ApiException.badRequest(
            "Invalid volume: Backing up an in-use volume must use the force flag."));
      }
      return parentFor(ctx, volume, req.incremental())
          .compose(parent -> insertCounted(ctx, req, volume, parent))
          .compose(backup -> schedule(ctx, backup, volume));
    }));
  }

  private static ApiException notBackupable(String status) {
    return ApiException.badRequest("Invalid volume: Volume to be backed up must be available or in-use, but the "
        + "current status is \"" + status + "\".");
  }

  /**
   * Cinder's parent of an incremental backup: the caller's backup of this volume with the latest
   * data_timestamp, whatever its status, which then has to be {@code available}.
   */
  private Future<Backup> parentFor(ApiContext ctx, Volume volume, boolean incremental) {
    if (!incremental) {
      return Future.succeededFuture(null);
    }
    return db.backups().listByVolume(volume.id()).compose(all -> {
      Optional<Backup> latest = all.stream()
          .filter(b -> ctx.projectId().equals(b.projectId()))
          .max(Comparator.comparing(BackupApi::dataTime));
      if (latest.isEmpty()) {
        return Future.failedFuture(ApiException.badRequest(
            "Invalid backup: No backups available to do an incremental backup."));
      }
      if (!BackupStatus.AVAILABLE.is(latest.get().status())) {
        return Future.failedFuture(ApiException.badRequest(
            "Invalid backup: The parent backup must be available for incremental backup."));
      }
      return Future.succeededFuture(latest.get());
    });
  }

  private static LocalDateTime dataTime(Backup b) {
    LocalDateTime t = b.dataTimestamp() != null ? b.dataTimestamp() : b.createdAt();
    return t != null ? t : LocalDateTime.MIN;
  }

  /**
   * Volume {@code backing-up}, the backup quota and the backup row in one transaction: a refusal or a failed
   * insert leaves the volume as it was and the quota untouched.
   */
  private Future<Backup> insertCounted(ApiContext ctx, CreateRequest req, Volume volume, Backup parent) {
    int size = volume.size() == null ? 0 : volume.size();
    // Cinder reports the first of its sorted over-quota resources: backup_gigabytes before backups
    Map<String, Integer> quota = new LinkedHashMap<>();
    quota.put(QuotaUsage.BACKUP_GIGABYTES, size);
    quota.put(QuotaUsage.BACKUPS, 1);
    Future<String> inserted = env.quotas().inTransaction(ctx.projectId(), quota.keySet(), tx ->
        db.volumes().updateStatus(tx.connection(), volume.id(), List.of(volume.status()),
                VolumeStatus.BACKING_UP.wire(), Map.of("previous_status", volume.status()))
            .compose(marked -> marked ? tx.consume(quota) : Future.failedFuture(new VolumeChanged()))
            .compose(v -> db.backups().insert(tx.connection(), row(ctx, req, volume, parent))));
    return inserted.recover(e -> {
      if (e instanceof QuotaExceededException q) {
        return Future.failedFuture(overQuota(q, size));
      }
      if (e instanceof VolumeChanged) {
        // the volume changed under us: report what it is now
        return db.volumes().find(volume.id()).compose(now -> Future.failedFuture(now.isEmpty()
            ? ApiException.notFound("Volume " + volume.id() + " could not be found.")
            : notBackupable(now.get().status())));
      }
      return Future.failedFuture(e);
    }).compose(id -> db.backups().get(id));
  }

  /** The volume left the status the request saw before it could be marked. */
  private static final class VolumeChanged extends RuntimeException {
    VolumeChanged() {
      super("volume changed", null, false, false);
    }
  }

  /** Cinder's VolumeBackupSizeExceedsAvailableQuota / BackupLimitExceeded (QuotaError: 413, Retry-After 0). */
  static ApiException overQuota(QuotaExceededException q, int requestedGb) {
    if (q.resource().contains("gigabytes")) {
      return ApiException.overLimit("Requested backup exceeds allowed Backup gigabytes quota. Requested "
          + requestedGb + "G, quota is " + q.limit() + "G and " + q.consumed() + "G has been consumed.", 0);
    }
    return ApiException.overLimit("Maximum number of backups allowed (" + q.limit() + ") exceeded", 0);
  }

  private Future<Void> unmarkBackingUp(Volume volume) {
    return db.volumes().updateStatus(volume.id(), List.of(VolumeStatus.BACKING_UP.wire()), volume.status(),
        Collections.singletonMap("previous_status", volume.previousStatus())).mapEmpty();
  }

  private Backup row(ApiContext ctx, CreateRequest req, Volume volume, Backup parent) {
    LocalDateTime now = db.now();
    // Cinder creates the row, then saves data_timestamp = created_at, which also sets updated_at
    return Backup.builder()
        .userId(ctx.userId())
        .projectId(ctx.projectId())
        .volumeId(volume.id())
        .container(req.container())
        .parentId(parent == null ? null : parent.id())
        .status(BackupStatus.CREATING.wire())
        .size(volume.size())
        .displayName(req.name())
        .displayDescription(req.description())
        .dataTimestamp(now)
        .metadata(req.metadata())
        .createdAt(now)
        .updatedAt(now)
        .build();
  }

  private Future<Backup> schedule(ApiContext ctx, Backup backup, Volume volume) {
    // the object Cinder casts never re-read its updated_at after that save (captured message 05: null)
    Backup sent = backup.toBuilder().updatedAt(null).build();
    return env.scheduler().createBackup(rpc(ctx), sent).map(v -> backup)
        .recover(e -> {
          // nobody will ever pick this backup up: fail it and give the volume back, rather than leave both busy
          LOG.error("create_backup cast for backup {} failed", backup.id(), e);
          return db.backups().update(backup.id(), Map.of("status", BackupStatus.ERROR.wire(),
                  "fail_reason", "Failed to hand the backup to the scheduler."))
              .compose(x -> unmarkBackingUp(volume))
              .transform(x -> Future.failedFuture(e));
        });
  }

  // ---- read ----

  /** Any live backup by id (every noauth caller is an admin, who sees all projects). */
  public Future<Backup> get(ApiContext ctx, String id) {
    return db.backups().find(id).compose(b -> b.map(Future::succeededFuture).orElseGet(() ->
        Future.failedFuture(ApiException.notFound("Backup " + id + " could not be found."))));
  }

  /** A page of backups; an unknown marker is Cinder's BackupNotFound. */
  public Future<List<Backup>> list(ListQuery q) {
    return db.backups().list(q).recover(e -> Future.failedFuture(listFailure(e, q)));
  }

  /** How many backups {@code q} matches, without its paging ({@code with_count}). */
  public Future<Integer> count(ListQuery q) {
    return db.backups().count(q).recover(e -> Future.failedFuture(listFailure(e, q)));
  }

  private static Throwable listFailure(Throwable e, ListQuery q) {
    if (e instanceof MarkerNotFoundException) {
      return ApiException.notFound("Backup " + q.marker() + " could not be found.");
    }
    return ApiErrors.translate(e);
  }

  // ---- delete ----

  /**
   * docs/cinder-reference.md §7.2: {@code available} or {@code error} (any status with {@code force}, os-force_delete),
   * no live incremental built on it, a usable backup service; then {@code deleting} on that host and
   * {@code BackupRpcApi.deleteBackup}.
   */
  public Future<Void> delete(ApiContext ctx, String id, boolean force) {
    return ApiErrors.translated(get(ctx, id).compose(backup -> {
      if (!force && !DELETABLE.contains(backup.status())) {
        return Future.failedFuture(notDeletable());
      }
      return hasDependents(backup).compose(dependents -> {
        if (dependents) {
          return Future.failedFuture(ApiException.badRequest(
              "Invalid backup: Incremental backups exist for this backup."));
        }
        return hosts.pick(backup.host(), backup.availabilityZone()).compose(host -> {
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("status", BackupStatus.DELETING.wire());
          if (!host.equals(backup.host())) {
            values.put("host", host);
          }
          // force skips the status check but not twice: a second delete_backup would be a second delete
          Future<Boolean> saved = db.backups().conditionalUpdate(id,
              Map.of("status", force ? Not.of(BackupStatus.DELETING.wire()) : DELETABLE), values);
          return saved.compose(applied -> {
            if (!applied) {
              return force ? alreadyDeleting(id).<Void>compose(Future::failedFuture)
                  : Future.<Void>failedFuture(notDeletable());
            }
            return env.backups().deleteBackup(rpc(ctx), backup.toBuilder()
                .status(BackupStatus.DELETING.wire()).host(host).build());
          });
        });
      });
    }));
  }

  /** Gone meanwhile (404, as before), or already {@code deleting} (400, Cinder's InvalidBackup). */
  private Future<ApiException> alreadyDeleting(String id) {
    return db.backups().find(id).map(now -> now.isEmpty()
        ? ApiException.notFound("Backup " + id + " could not be found.")
        : ApiException.badRequest("Invalid backup: Backup " + id + " is already being deleted."));
  }

  private static ApiException notDeletable() {
    return ApiException.badRequest("Invalid backup: Backup status must be available or error");
  }

  private Future<Boolean> hasDependents(Backup backup) {
    return db.backups().list(ListQuery.builder().filter("parent_id", backup.id()).limit(1).build())
        .map(list -> !list.isEmpty());
  }

  // ---- restore ----

  /** {@code POST /backups/{id}/restore}, see {@link RestoreBackup}. */
  public Future<RestoreResult> restore(ApiContext ctx, Vertx vertx, String id, String volumeId, String name) {
    return restores.restore(ctx, vertx, id, volumeId, name);
  }

  // ---- reset status ----

  /**
   * os-reset_status: the backup service does the reset; the API only picks a usable backup service, saves it
   * as the backup's host and casts {@code reset_status} there. {@code status} is already validated.
   */
  public Future<Void> resetStatus(ApiContext ctx, String id, String status) {
    return ApiErrors.translated(get(ctx, id).compose(backup ->
        hosts.pick(backup.host(), backup.availabilityZone()).compose(host -> {
          Future<Boolean> saved = host.equals(backup.host()) ? Future.succeededFuture(true)
              : db.backups().update(id, Map.of("host", host));
          return saved.compose(applied -> applied
              ? env.backups().resetStatus(rpc(ctx), backup.toBuilder().host(host).build(), status)
              : Future.failedFuture(ApiException.notFound("Backup " + id + " could not be found.")));
        })));
  }

  private static RequestContext rpc(ApiContext ctx) {
    return RpcContexts.from(ctx);
  }
}
