package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.cinderemu.api.core.ServicesApi;
import org.cinderemu.api.core.TypeApi;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.views.QuotaViews;
import org.cinderemu.common.objects.RequestSpecs;

/**
 * {@code GET /scheduler-stats/get_pools}: a {@code get_pools} call to a scheduler. Filters are passed on from
 * 3.28 ({@code name} and capability keys), {@code volume_type} (name or id, sent as the type dict) from 3.35.
 */
public final class SchedulerStatsHandler implements ResourceRoutes {

  private final ServicesApi services;
  private final TypeApi types;

  public SchedulerStatsHandler(ServicesApi services, TypeApi types) {
    this.services = services;
    this.types = types;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/scheduler-stats/get_pools", this::getPools);
  }

  private Future<ApiResponse> getPools(ApiRequest req) {
    boolean detail = VolumesHandler.boolParam(req, "detail");
    JsonObject filters = new JsonObject();
    if (req.microversion().isAtLeast("3.28")) {
      for (Map.Entry<String, String> e : req.query()) {
        if (!e.getKey().equals("detail") && !filters.containsKey(e.getKey())) {
          filters.put(e.getKey(), e.getValue());
        }
      }
    }
    Object typeName = filters.remove("volume_type");
    Future<JsonObject> resolved = typeName != null && req.microversion().isAtLeast("3.35")
        ? types.getByNameOrId(String.valueOf(typeName)).map(t -> filters.put("volume_type", RequestSpecs.typeDict(t)))
        : Future.succeededFuture(filters);
    return resolved.compose(f -> services.pools(req.context(), f))
        .map(pools -> ApiResponse.ok(QuotaViews.pools(pools, detail)));
  }
}
