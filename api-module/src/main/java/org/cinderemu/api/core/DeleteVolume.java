package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.Not;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELETE /volumes/{id}} and {@code os-force_delete} (volume_api.delete, docs/cinder-reference.md §7.1): a
 * volume never scheduled is destroyed here; any other moves to {@code deleting} by compare-and-set, then
 * {@code VolumeRpcApi.deleteVolume} tells its volume service.
 */
final class DeleteVolume {

  private static final Logger LOG = LoggerFactory.getLogger(DeleteVolume.class);
  /** A force delete skips the status check, but not twice: a second one would send a second delete_volume. */
  private static final Not NOT_DELETING = Not.of(VolumeStatus.DELETING.wire(), "error_managing_deleting");

  private final ApiEnvironment env;
  private final Database db;
  private final VolumeReads reads;

  DeleteVolume(ApiEnvironment env, VolumeReads reads) {
    this.env = env;
    this.db = env.db();
    this.reads = reads;
  }

  Future<Void> delete(ApiContext ctx, String id, boolean cascade, boolean force) {
    return reads.get(ctx, id).compose(volume -> volume.host() == null || volume.host().isEmpty()
        ? destroyUnscheduled(volume)
        : FrozenBackends.assertNotFrozen(db, volume).compose(v -> markDeleting(volume, force)).compose(deleting -> db.workers()
            .add(VolumeApi.WORKER_TYPE, deleting.id(), deleting.status(), null)
            .compose(w -> env.volumes().deleteVolume(RpcContexts.from(ctx), deleting, false, cascade))
            .onSuccess(v -> LOG.info("Delete volume {} request issued successfully.", deleting.id()))));
  }

  /**
   * The row goes here with its quota, in one transaction, and only by the request whose soft delete changed
   * it: of concurrent DELETEs one gives the quota back, the others find nothing left to delete.
   */
  private Future<Void> destroyUnscheduled(Volume volume) {
    // an error_managing volume never took quota (Cinder's delete skips its reservation)
    boolean counted = volume.useQuota() && !VolumeStatus.ERROR_MANAGING.is(volume.status());
    Map<String, Integer> quota = counted ? VolumeQuota.of(volume) : Map.of();
    return env.quotas().inTransaction(volume.projectId(), quota.keySet(), tx ->
            db.volumes().softDelete(tx.connection(), volume.id())
                .compose(deleted -> tx.releaseIf(deleted, quota)))
        .compose(v -> db.workers().remove(VolumeApi.WORKER_TYPE, volume.id()))
        .mapEmpty();
  }

  private Future<Volume> markDeleting(Volume volume, boolean force) {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("attach_status", VolumeStates.NOT_ATTACHED);
    expected.put("migration_status", VolumeStates.NOT_MIGRATING);
    expected.put("consistencygroup_id", null);
    expected.put("group_id", null);
    expected.put("status", force ? NOT_DELETING : VolumeStates.DELETABLE);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("status", VolumeStatus.ERROR_MANAGING.is(volume.status()) ? "error_managing_deleting"
        : VolumeStatus.DELETING.wire());
    values.put("terminated_at", db.now());
    return db.volumes().conditionalUpdate(volume.id(), expected, values).compose(applied -> {
      if (!applied) {
        // Cinder's text; with force it names no status (build_or_str of nothing), hence the double space
        String status = force ? "" : "status must be " + String.join(" or ", VolumeStates.DELETABLE) + " and";
        return Future.failedFuture(ApiException.badRequest("Invalid volume: Volume " + status + " must not be "
            + "migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated "
            + "from snapshots after volume transfer."));
      }
      return db.volumes().get(volume.id());
    });
  }
}
