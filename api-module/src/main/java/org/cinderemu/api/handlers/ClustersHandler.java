package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.cinderemu.api.core.ClustersApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.validation.ParameterTypes;
import org.cinderemu.api.validation.Schema;
import org.cinderemu.api.views.ClusterView;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.rpc.api.ServiceTopic;

/** {@code /clusters} (cinder/api/v3/clusters.py, microversion 3.7): list, detail, show, enable, disable. */
public final class ClustersHandler implements ResourceRoutes {

  static final String MIN_VERSION = "3.7";
  private static final Schema UPDATE = Schema.object()
      .requiredProperty("name", Schema.string().minLength(1).maxLength(255))
      .property("binary", Schema.string().minLength(1).maxLength(255))
      .property("disabled_reason", Schema.string().nullable().maxLength(255))
      .closed();

  private final ClustersApi clusters;
  private final Database db;
  private final Duration downTime;

  public ClustersHandler(ClustersApi clusters, Database db, Duration downTime) {
    this.clusters = clusters;
    this.db = db;
    this.downTime = downTime;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/clusters", req -> list(req, false))
        .get("/clusters/detail", req -> list(req, true))
        .get("/clusters/:name", this::show)
        .put("/clusters/:action", this::update);
  }

  private Future<ApiResponse> list(ApiRequest req, boolean detail) {
    Versions.require(req, MIN_VERSION);
    return clusters.list(req.queryParam("name"), req.queryParam("binary"))
        .map(found -> ApiResponse.ok(ClusterView.list(found, detail, req.microversion(), db.now(), downTime)));
  }

  private Future<ApiResponse> show(ApiRequest req) {
    Versions.require(req, MIN_VERSION);
    String binary = req.queryParam("binary") != null ? req.queryParam("binary") : ServiceTopic.VOLUME.topic();
    return clusters.get(req.pathParam("name"), binary).map(c -> ApiResponse.ok(new JsonObject()
        .put("cluster", ClusterView.detail(c, req.microversion(), db.now(), downTime))));
  }

  private Future<ApiResponse> update(ApiRequest req) {
    Versions.require(req, MIN_VERSION);
    String action = req.pathParam("action");
    if (!action.equals("enable") && !action.equals("disable")) {
      throw ApiException.notFound("Unknown action");
    }
    JsonObject body = req.validBody(UPDATE);
    boolean disabled = action.equals("disable");
    String reason = disabled ? body.getString("disabled_reason") : null;
    if (reason != null && reason.isBlank()) {
      throw ApiException.badRequest("Disabled reason contains invalid characters or is too long");
    }
    String binary = body.getString("binary", ServiceTopic.VOLUME.topic());
    return clusters.setDisabled(body.getString("name"), binary, disabled, reason).map(c -> ApiResponse.ok(
        new JsonObject().put("cluster", ClusterView.summary(c, req.microversion(), db.now(), downTime)
            .put("disabled_reason", reason))));
  }
}
