package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.cinderemu.api.core.VolumeApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.validation.ParameterTypes;
import org.cinderemu.api.validation.Schema;

/**
 * {@code POST /volumes/{id}/action}: the body's single key names the action (Cinder's wsgi action
 * dispatch). Admin actions os-reset_status, os-force_delete, os-migrate_volume and the volume action
 * os-extend.
 */
public final class VolumeActionsHandler implements ResourceRoutes {

  static final Schema RESET_STATUS = Schema.object()
      .requiredProperty("os-reset_status", Schema.object()
          .property("status", Schema.string().nullable())
          .property("attach_status", Schema.string().nullable())
          .property("migration_status", Schema.string().nullable())
          .closed())
      .closed();
  static final Schema EXTEND = Schema.object()
      .requiredProperty("os-extend", Schema.object()
          .requiredProperty("new_size", ParameterTypes.volumeSize())
          .closed())
      .closed();
  static final Schema MIGRATE = Schema.object()
      .requiredProperty("os-migrate_volume", Schema.object()
          .requiredProperty("host", Schema.string().maxLength(255))
          .property("force_host_copy", ParameterTypes.bool())
          .property("lock_volume", ParameterTypes.bool())
          .closed())
      .closed();
  // 3.16+: a cluster may be named instead of a host, one of the two
  static final Schema MIGRATE_3_16 = Schema.object()
      .requiredProperty("os-migrate_volume", Schema.object()
          .property("host", Schema.string().nullable().maxLength(255))
          .property("cluster", ParameterTypes.name())
          .property("force_host_copy", ParameterTypes.bool())
          .property("lock_volume", ParameterTypes.bool())
          .closed())
      .closed();

  private final VolumeApi volumes;

  public VolumeActionsHandler(VolumeApi volumes) {
    this.volumes = volumes;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.post("/volumes/:id/action", this::action);
  }

  private Future<ApiResponse> action(ApiRequest req) {
    if (!(req.body() instanceof JsonObject body) || body.isEmpty()) {
      throw ApiException.badRequest("Malformed request body");
    }
    if (body.size() != 1) {
      throw ApiException.badRequest("Malformed request body: too many body keys");
    }
    String id = req.pathParam("id");
    String action = body.fieldNames().iterator().next();
    Future<Void> done = switch (action) {
      case "os-reset_status" -> {
        JsonObject p = req.validBody(RESET_STATUS).getJsonObject(action);
        yield volumes.resetStatus(req.context(), id, p.getString("status"), p.getString("attach_status"),
            p.getString("migration_status"));
      }
      case "os-force_delete" -> volumes.delete(req.context(), id, false, true);
      case "os-extend" -> {
        Object raw = req.validBody(EXTEND).getJsonObject(action).getValue("new_size");
        yield volumes.extend(req.context(), id, newSize(raw), req.microversion().isAtLeast("3.42"));
      }
      case "os-migrate_volume" -> migrate(req, id);
      default -> throw ApiException.badRequest("There is no such action: " + action);
    };
    return done.map(v -> ApiResponse.accepted());
  }

  private Future<Void> migrate(ApiRequest req, String id) {
    boolean clusters = req.microversion().isAtLeast("3.16");
    JsonObject p = req.validBody(clusters ? MIGRATE_3_16 : MIGRATE).getJsonObject("os-migrate_volume");
    String host = p.getString("host");
    String cluster = clusters ? p.getString("cluster") : null;
    if (clusters && (host == null) == (cluster == null)) {
      throw ApiException.invalidInput("One and only one of cluster and host must be set.");
    }
    return volumes.migrate(req.context(), id, cluster == null ? host : null, cluster,
        VolumesHandler.truthy(p.getValue("force_host_copy")), VolumesHandler.truthy(p.getValue("lock_volume")));
  }

  private static int newSize(Object raw) {
    if (raw instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(raw));
    } catch (NumberFormatException e) {
      throw ApiException.invalidInput("New size for extend must be an integer: " + raw);
    }
  }
}
