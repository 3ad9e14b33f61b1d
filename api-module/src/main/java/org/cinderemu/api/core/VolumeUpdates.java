package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.VolumeStatus;

/** The volume writes that stay in the database: {@code PUT /volumes/{id}} and {@code os-reset_status}. No RPC. */
final class VolumeUpdates {

  private final Database db;
  private final VolumeReads reads;

  VolumeUpdates(Database db, VolumeReads reads) {
    this.db = db;
    this.reads = reads;
  }

  /**
   * volume_api.update: display name and description as given (column names), and when {@code metadata} is not
   * null the user metadata becomes exactly it; not while in maintenance.
   */
  Future<Volume> update(ApiContext ctx, String id, Map<String, Object> columns, Map<String, String> metadata) {
    return reads.get(ctx, id).compose(volume -> {
      if (VolumeStatus.MAINTENANCE.is(volume.status())) {
        return Future.failedFuture(ApiException.badRequest("Invalid volume: The volume cannot be updated during "
            + "maintenance."));
      }
      Future<?> written = columns.isEmpty() ? Future.succeededFuture() : db.volumes().update(volume.id(), columns);
      return ApiErrors.translated(written
          .compose(x -> metadata == null ? Future.succeededFuture() : db.volumes().setMetadata(volume.id(), metadata,
              true))
          .compose(x -> db.volumes().get(volume.id())));
    });
  }

  /** {@code os-reset_status}: writes what was given, whatever the current state, and drops the cleanup entry. */
  Future<Void> resetStatus(ApiContext ctx, String id, String status, String attachStatus, String migrationStatus) {
    Map<String, Object> update = new LinkedHashMap<>();
    if (status != null && !status.isEmpty()) {
      update.put("status", check(status, VolumeStates.STATUSES, "status"));
    }
    if (attachStatus != null && !attachStatus.isEmpty()) {
      update.put("attach_status", check(attachStatus, VolumeStates.ATTACH_STATUSES, "attach_status"));
    }
    if (migrationStatus != null && !migrationStatus.isEmpty()) {
      String m = check(migrationStatus, VolumeStates.MIGRATION_STATUSES, "migration_status");
      update.put("migration_status", m.equals("none") ? null : m);
    }
    if (update.isEmpty()) {
      return Future.failedFuture(ApiException.badRequest(
          "Must specify 'status', 'attach_status' or 'migration_status' for update."));
    }
    return reads.get(ctx, id).compose(v -> db.volumes().update(v.id(), update))
        .compose(v -> db.workers().remove(VolumeApi.WORKER_TYPE, id)).mapEmpty();
  }

  private static String check(String value, Set<String> allowed, String field) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw ApiException.badRequest("Invalid input for field/attribute " + field + ". Value: " + value + ". '"
          + value + "' is not a 'volume_" + field + "'");
    }
    return lower;
  }
}
