package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.core.ApiEnvironment;
import org.cinderemu.api.core.ApiOptions;
import org.cinderemu.api.core.BackupApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.api.views.BackupView;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.oslo.Strutils;
import org.cinderemu.common.rpc.api.BackupRpcApi;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.VolumeRpcApi;

/**
 * {@code /backups}: create, list (summary and detail), show, delete, restore and the admin actions
 * os-reset_status / os-force_delete (cinder/api/v3/backups.py, contrib/backups.py, contrib/admin_actions.py).
 */
public final class BackupsHandler implements ResourceRoutes {

  private final BackupApi backups;

  public BackupsHandler(BackupApi backups) {
    this.backups = backups;
  }

  public BackupsHandler(Database db, BackupRpcApi backupRpc, SchedulerRpcApi schedulerRpc, VolumeRpcApi volumeRpc,
      CinderConf conf) {
    this(BackupApi.create(ApiEnvironment.of(db, schedulerRpc, volumeRpc, backupRpc, ApiOptions.from(conf)), conf));
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/backups", req -> list(req, false))
        .get("/backups/detail", req -> list(req, true))
        .post("/backups", this::create)
        .get("/backups/:id", this::show)
        .delete("/backups/:id", this::delete)
        .post("/backups/:id/restore", this::restore)
        .post("/backups/:id/action", this::action);
  }

  private Future<ApiResponse> create(ApiRequest req) {
    ApiVersion mv = req.microversion();
    JsonObject b = req.validBody(BackupsSchemas.create(mv)).getJsonObject("backup");
    BackupApi.CreateRequest create = new BackupApi.CreateRequest(
        b.getString("volume_id"),
        stripped(b.getString("name")),
        stripped(b.getString("description")),
        b.getString("container"),
        strictBool(b.getValue("incremental")),
        strictBool(b.getValue("force")),
        b.getString("snapshot_id"),
        mv.isAtLeast("3.43") ? strings(b.getJsonObject("metadata")) : Map.of(),
        mv.isAtLeast("3.51") ? b.getString("availability_zone") : null);
    return backups.create(req.context(), create)
        .map(backup -> ApiResponse.accepted(new JsonObject().put("backup", BackupView.summary(req, backup))));
  }

  private Future<ApiResponse> show(ApiRequest req) {
    return backups.get(req.context(), req.pathParam("id"))
        .map(b -> ApiResponse.ok(new JsonObject().put("backup", BackupView.detail(req, b))));
  }

  private Future<ApiResponse> list(ApiRequest req, boolean detail) {
    BackupsListRequest listing = BackupsListRequest.from(req);
    if (listing.matchesNothing()) {
      return Future.succeededFuture(ApiResponse.ok(BackupView.list(req, List.of(), detail, null,
          listing.withCount() ? 0 : null)));
    }
    Future<Integer> count = listing.withCount() ? backups.count(listing.countQuery()) : Future.succeededFuture(null);
    return backups.list(listing.query()).compose(found -> count.map(n -> {
      // Cinder's backup views build the next link from the page alone, never from the count
      JsonArray links = found.isEmpty() ? new JsonArray()
          : req.nextLinks(BackupView.COLLECTION, listing.page(), found.size(), null, last(found).id());
      return ApiResponse.ok(BackupView.list(req, found, detail, links, n));
    }));
  }

  private Future<ApiResponse> delete(ApiRequest req) {
    return backups.delete(req.context(), req.pathParam("id"), false).map(v -> ApiResponse.accepted());
  }

  private Future<ApiResponse> restore(ApiRequest req) {
    JsonObject r = req.validBody(BackupsSchemas.RESTORE).getJsonObject("restore");
    String volumeId = r == null ? null : r.getString("volume_id");
    String name = r == null ? null : r.getString("name");
    return backups.restore(req.context(), req.routingContext().vertx(), req.pathParam("id"), volumeId, name)
        .map(result -> ApiResponse.accepted(BackupView.restore(result.backupId(), result.volumeId(),
            result.volumeName())));
  }

  /** One action per body, named by its only key, as Cinder's wsgi {@code action_peek} reads it. */
  private Future<ApiResponse> action(ApiRequest req) {
    if (!(req.body() instanceof JsonObject body) || body.size() != 1) {
      throw ApiException.badRequest("Malformed request body");
    }
    String action = body.fieldNames().iterator().next();
    String id = req.pathParam("id");
    return switch (action) {
      case "os-reset_status" -> backups.resetStatus(req.context(), id, BackupsSchemas.resetStatus(body))
          .map(v -> ApiResponse.accepted());
      case "os-force_delete" -> backups.delete(req.context(), id, true).map(v -> ApiResponse.accepted());
      default -> throw ApiException.badRequest("There is no such action: " + action);
    };
  }

  /** Cinder strips name and description before storing them. */
  private static String stripped(String s) {
    return s == null ? null : s.strip();
  }

  /** oslo's strict bool_from_string; the schema already limited the value to the accepted spellings. */
  private static boolean strictBool(Object value) {
    return value != null && Strutils.boolFromString(value);
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      o.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return out;
  }

  private static Backup last(List<Backup> list) {
    return list.get(list.size() - 1);
  }
}
