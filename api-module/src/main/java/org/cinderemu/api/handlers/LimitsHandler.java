package org.cinderemu.api.handlers;

import org.cinderemu.api.core.QuotaApi;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.views.QuotaViews;

/** {@code GET /limits}: the caller's absolute limits and usage (3.39+: an admin may name {@code project_id}). */
public final class LimitsHandler implements ResourceRoutes {

  private final QuotaApi quotas;

  public LimitsHandler(QuotaApi quotas) {
    this.quotas = quotas;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/limits", req -> {
      String project = req.context().projectId();
      if (req.microversion().isAtLeast("3.39") && req.context().isAdmin()) {
        String asked = req.queryParam("project_id") != null ? req.queryParam("project_id")
            : req.queryParam("tenant_id");
        project = asked != null ? asked : project;
      }
      return quotas.usage(project).map(usage -> ApiResponse.ok(QuotaViews.limits(usage)));
    });
  }
}
