package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.cinderemu.api.core.QuotaApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.views.QuotaViews;
import org.cinderemu.common.py.PyRepr;

/** {@code /os-quota-sets/{project}}: show ({@code ?usage=True}), defaults, update (cinder/api/contrib/quotas.py). */
public final class QuotaSetsHandler implements ResourceRoutes {

  private final QuotaApi quotas;

  public QuotaSetsHandler(QuotaApi quotas) {
    this.quotas = quotas;
  }

  /**
   * A project id as keystone issues them (its {@code id_string}: letters, digits and '-', at most 64). Cinder
   * itself only checks the length, so under noauth any string, {@code ../../etc} included, got a quota row.
   */
  static final Pattern PROJECT_ID = Pattern.compile("^[a-zA-Z0-9-]{1,64}$");

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/os-quota-sets/:target/defaults", req -> quotas.defaults()
            .map(d -> ApiResponse.ok(QuotaViews.defaults(target(req), d))))
        .get("/os-quota-sets/:target", req -> {
          boolean usage = VolumesHandler.truthy(req.queryParam("usage"));
          String target = target(req);
          return quotas.usage(target).map(u -> ApiResponse.ok(QuotaViews.quotaSet(target, u, usage)));
        })
        .put("/os-quota-sets/:target", this::update);
  }

  private static String target(ApiRequest req) {
    String target = req.pathParam("target");
    if (target == null || !PROJECT_ID.matcher(target).matches()) {
      throw ApiException.invalidInput(PyRepr.repr(target) + " is not a valid project id.");
    }
    return target;
  }

  private Future<ApiResponse> update(ApiRequest req) {
    String target = target(req);
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
    return quotas.update(target, requested)
        .map(u -> ApiResponse.ok(QuotaViews.quotaSet(null, u, false)));
  }
}
