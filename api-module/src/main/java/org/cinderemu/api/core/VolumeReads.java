package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.List;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.ListQuery;
import org.cinderemu.common.db.MarkerNotFoundException;
import org.cinderemu.common.objects.Volume;

/** Reading volumes as the API shows them: one by id, a page, a count. No RPC. */
final class VolumeReads {

  private final Database db;

  VolumeReads(Database db) {
    this.db = db;
  }

  /** Any live volume by id (every noauth caller is an admin, who sees all projects). */
  Future<Volume> get(ApiContext ctx, String id) {
    return db.volumes().find(id).compose(v -> v.map(Future::succeededFuture).orElseGet(() ->
        Future.failedFuture(ApiException.notFound("Volume " + id + " could not be found."))));
  }

  /**
   * A page of volumes: the caller's project unless {@code allTenants}; an unknown filter key matches nothing,
   * as in Cinder.
   */
  Future<List<Volume>> list(ApiContext ctx, VolumeListRequest req) {
    ListQuery q;
    try {
      q = req.toQuery(ctx.projectId(), true);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ApiErrors.translate(e));
    }
    return db.volumes().list(q).recover(e -> listFailure(e, req));
  }

  /** How many volumes the request's filters match ({@code with_count}). */
  Future<Integer> count(ApiContext ctx, VolumeListRequest req) {
    return db.volumes().count(req.toQuery(ctx.projectId(), false)).recover(e -> listFailure(e, req));
  }

  private static <T> Future<T> listFailure(Throwable e, VolumeListRequest req) {
    if (e instanceof MarkerNotFoundException) {
      return Future.failedFuture(ApiException.notFound("Volume " + req.page().marker() + " could not be found."));
    }
    if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).contains("Invalid filter key")) {
      return Future.failedFuture(new VolumeApi.UnknownFilter());
    }
    return Future.failedFuture(ApiErrors.translate(e));
  }
}
