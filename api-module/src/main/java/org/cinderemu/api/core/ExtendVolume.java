package org.cinderemu.api.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.RequestSpecs;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code os-extend} (volume_api._extend): the volume moves to {@code extending} in the transaction that takes
 * the quota for the difference, then {@code SchedulerRpcApi.extendVolume} lets the scheduler check the backend.
 * A cast that fails undoes both, as Cinder's reservation rollback does.
 */
final class ExtendVolume {

  private static final Logger LOG = LoggerFactory.getLogger(ExtendVolume.class);

  private final ApiEnvironment env;
  private final Database db;
  private final VolumeReads reads;

  ExtendVolume(ApiEnvironment env, VolumeReads reads) {
    this.env = env;
    this.db = env.db();
    this.reads = reads;
  }

  /** New size above the current one, status {@code available} (or {@code in-use} when {@code allowAttached}). */
  Future<Void> extend(ApiContext ctx, String id, int newSize, boolean allowAttached) {
    return reads.get(ctx, id).compose(found -> FrozenBackends.assertNotFrozen(env.db(), found)).compose(volume -> {
      int increase = newSize - volume.size();
      if (increase <= 0) {
        return Future.failedFuture(ApiException.invalidInput("New size for extend must be greater than current "
            + "size. (current: " + volume.size() + ", extended: " + newSize + ")."));
      }
      String expectedStatus = allowAttached && VolumeStatus.IN_USE.is(volume.status())
          ? VolumeStatus.IN_USE.wire() : VolumeStatus.AVAILABLE.wire();
      return markExtending(volume, expectedStatus, newSize)
          .compose(extending -> env.scheduler().extendVolume(RpcContexts.from(ctx), extending, newSize,
                  RequestSpecs.asDict(extending, extending.volumeType()), new JsonObject())
              .recover(e -> unmarkExtending(ctx, volume, increase).transform(x -> Future.failedFuture(e))));
    });
  }

  /** Status, per-volume limit and quota in one transaction: any refusal leaves the volume as it was. */
  private Future<Volume> markExtending(Volume volume, String expectedStatus, int newSize) {
    int increase = newSize - volume.size();
    Map<String, Integer> gb = VolumeQuota.gigabytes(increase);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("status", VolumeStatus.EXTENDING.wire());
    values.put("previous_status", volume.status());
    Future<Void> marked = env.quotas().inTransaction(volume.projectId(), gb.keySet(), tx ->
        db.volumes().conditionalUpdate(tx.connection(), volume.id(), Map.of("status", expectedStatus), values)
            .compose(applied -> applied ? VolumeQuota.checkPerVolumeLimit(tx, newSize)
                : Future.failedFuture(ApiException.badRequest("Invalid volume: Volume " + volume.id()
                    + " status must be " + expectedStatus + " to extend, but current status is: "
                    + volume.status() + ".")))
            .compose(v -> tx.consume(gb)));
    return VolumeQuota.translated(marked, increase).compose(v -> db.volumes().get(volume.id()));
  }

  /** The cast failed: back to the previous status with the quota returned, if still {@code extending}. */
  private Future<Void> unmarkExtending(ApiContext ctx, Volume before, int increase) {
    Map<String, Integer> gb = VolumeQuota.gigabytes(increase);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("status", before.status());
    values.put("previous_status", before.previousStatus());
    return env.quotas().inTransaction(before.projectId(), gb.keySet(), tx ->
            db.volumes().conditionalUpdate(tx.connection(), before.id(),
                Map.of("status", VolumeStatus.EXTENDING.wire()), values)
                .compose(applied -> tx.releaseIf(applied, gb)))
        .<Void>mapEmpty()
        .onSuccess(v -> LOG.warn("extend of volume {} could not be handed to the scheduler: back to {}",
            before.id(), before.status()))
        .onFailure(e -> LOG.error("extend of volume {} could not be undone", before.id(), e));
  }
}
