package org.cinderemu.api.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.RequestSpecs;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VolumeType;
import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.objects.fields.VolumeAttachStatus;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /volumes} (volume_api.create): sizes, type and zones checked, the row inserted {@code creating}
 * in the transaction that takes its quota, then {@code SchedulerRpcApi.createVolume}.
 */
final class CreateVolume {

  private static final Logger LOG = LoggerFactory.getLogger(CreateVolume.class);

  private final ApiEnvironment env;
  private final Database db;
  private final TypeApi types;
  private final AvailabilityZones zones;

  CreateVolume(ApiEnvironment env, TypeApi types, AvailabilityZones zones) {
    this.env = env;
    this.db = env.db();
    this.types = types;
    this.zones = zones;
  }

  Future<Volume> create(ApiContext ctx, VolumeCreateRequest req) {
    if (req.backupId() == null) {
      return createChecked(ctx, req);
    }
    return sourceBackup(req.backupId()).compose(backup -> {
      // Cinder's _extract_size: a restore defaults to the backup's size and may not be smaller
      VolumeCreateRequest sized = req.size() == null ? req.withSize(backup.size()) : req;
      if (sized.size() != null && backup.size() != null && sized.size() < backup.size()) {
        return Future.failedFuture(ApiException.invalidInput("Volume size " + sized.size() + "GB cannot be "
            + "smaller than the backup size " + backup.size() + "GB. It must be >= backup size."));
      }
      return createChecked(ctx, sized);
    });
  }

  /** The backup a volume is created from: it must exist and be {@code available}. */
  private Future<Backup> sourceBackup(String backupId) {
    return db.backups().find(backupId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiException.notFound("Backup " + backupId + " could not be found."));
      }
      if (!BackupStatus.AVAILABLE.is(found.get().status())) {
        return Future.failedFuture(ApiException.badRequest("Invalid backup: Backup status must be available"));
      }
      return Future.succeededFuture(found.get());
    });
  }

  private Future<Volume> createChecked(ApiContext ctx, VolumeCreateRequest req) {
    Integer size = req.size();
    if (size == null) {
      return Future.failedFuture(ApiException.invalidInput("Volume size 'None' must be an integer and greater "
          + "than 0"));
    }
    if (size <= 0) {
      return Future.failedFuture(ApiException.invalidInput("Invalid volume size provided for create request: "
          + size + " (size argument must be an integer (or string representation of an integer) and greater "
          + "than zero)."));
    }
    Future<VolumeType> type = req.volumeType() != null && !req.volumeType().isEmpty()
        ? types.getByNameOrId(req.volumeType()) : types.defaultType();
    return type.compose(t -> zones.forCreate(req.availabilityZone(), t)
        .compose(azs -> insertCounted(ctx, req, t, azs)
            .compose(volume -> schedule(ctx, req, volume, t, azs))));
  }

  /** The row and its quota in one transaction: a refusal or a failed insert leaves neither. */
  private Future<Volume> insertCounted(ApiContext ctx, VolumeCreateRequest req, VolumeType type,
      List<String> azs) {
    Volume row = Volume.builder()
        .userId(ctx.userId())
        .projectId(ctx.projectId())
        .useQuota(true)
        .size(req.size())
        .availabilityZone(azs.size() == 1 ? azs.get(0) : null)
        .status(VolumeStatus.CREATING.wire())
        .attachStatus(VolumeAttachStatus.DETACHED.wire())
        .displayName(req.name())
        .displayDescription(req.description())
        .volumeTypeId(type.id())
        .multiattach("<is> True".equals(type.extraSpecs().get("multiattach")))
        .metadata(req.metadata())
        .build();
    Map<String, Integer> quota = VolumeQuota.of(row);
    Future<String> inserted = env.quotas().inTransaction(ctx.projectId(), quota.keySet(), tx ->
        VolumeQuota.checkPerVolumeLimit(tx, req.size())
            .compose(v -> tx.consume(quota))
            .compose(v -> db.volumes().insert(tx.connection(), row)));
    return VolumeQuota.translated(inserted, req.size()).compose(id -> db.volumes().get(id));
  }

  private Future<Volume> schedule(ApiContext ctx, VolumeCreateRequest req, Volume volume, VolumeType type,
      List<String> azs) {
    return db.workers().add(VolumeApi.WORKER_TYPE, volume.id(), VolumeStatus.CREATING.wire(), null)
        .compose(w -> {
          JsonObject filterProperties = new JsonObject();
          if (req.schedulerHints() != null && !req.schedulerHints().isEmpty()) {
            filterProperties.put("scheduler_hints", req.schedulerHints());
          }
          JsonObject spec = RequestSpecs.forVolume(volume, type, azs, req.backupId());
          return env.scheduler().createVolume(RpcContexts.from(ctx), volume, spec, filterProperties, req.backupId())
              .onSuccess(v -> LOG.info("Create volume {} request issued successfully.", volume.id()));
        })
        // like Cinder's VolumeCastTask revert: a volume that could not be handed on is put in error (it keeps
        // its quota until it is deleted, as an error volume does in Cinder)
        .recover(e -> db.volumes().update(volume.id(), Map.of("status", VolumeStatus.ERROR.wire()))
            .transform(x -> Future.failedFuture(e)))
        .map(v -> volume);
  }
}
