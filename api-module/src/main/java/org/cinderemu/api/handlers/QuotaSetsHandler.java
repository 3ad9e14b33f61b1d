package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinderemu.api.core.QuotaApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.views.QuotaViews;

/** {@code /os-quota-sets/{project}}: show ({@code ?usage=True}), defaults, update (cinder/api/contrib/quotas.py). */
public final class QuotaSetsHandler implements ResourceRoutes {

  private final QuotaApi quotas;

  public QuotaSetsHandler(QuotaApi quotas) {
    this.quotas = quotas;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/os-quota-sets/:target/defaults", req -> quotas.defaults()
            .map(d -> ApiResponse.ok(QuotaViews.defaults(req.pathParam("target"), d))))
        .get("/os-quota-sets/:target", req -> {
          boolean usage = VolumesHandler.truthy(req.queryParam("usage"));
          return quotas.usage(req.pathParam("target"))
              .map(u -> ApiResponse.ok(QuotaViews.quotaSet(req.pathParam("target"), u, usage)));
        })
        .put("/os-quota-sets/:target", this::update);
  }

  private Future<ApiResponse> update(ApiRequest req) {
    if (!(req.body() instanceof JsonObject body) || !(body.getValue("quota_set") instanceof JsonObject set)) {
      throw ApiException.badRequest("Missing required element 'quota_set' in request body.");
    }
    Map<String, Object> requested = new LinkedHashMap<>();
    // Cinder ignores the echoed id and the legacy tenant_id
    set.forEach(e -> {
      if (!e.getKey().equals("id") && !e.getKey().equals("tenant_id")) {
        requested.put(e.getKey(), e.getValue());
      }
    });
    return quotas.update(req.pathParam("target"), requested)
        .map(u -> ApiResponse.ok(QuotaViews.quotaSet(null, u, false)));
  }
}
