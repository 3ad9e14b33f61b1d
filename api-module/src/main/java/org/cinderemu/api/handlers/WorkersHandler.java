package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.cinderemu.api.core.WorkersApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.validation.ParameterTypes;
import org.cinderemu.api.validation.Schema;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.rpc.api.ServiceTopic;

/**
 * {@code POST /workers/cleanup} (cinder/api/v3/workers.py, microversion 3.24): 202 with the services being
 * cleaned and those with no live service to clean them, each as {@code {id, host, binary, cluster_name}}.
 */
public final class WorkersHandler implements ResourceRoutes {

  static final String MIN_VERSION = "3.24";
  // cinder/api/schemas/workers.py: the booleans are oslo's strict strings, binary one of the cleanable services
  private static final Schema CLEANUP = Schema.object()
      .property("cluster_name", Schema.string().nullable().maxLength(255))
      .property("host", Schema.string().nullable().maxLength(255))
      .property("binary", Schema.types("string", "null").enumOf(ServiceTopic.VOLUME.topic(),
          ServiceTopic.SCHEDULER.topic(), null))
      .property("is_up", ParameterTypes.optionalBool())
      .property("disabled", ParameterTypes.optionalBool())
      .property("resource_id", ParameterTypes.uuidOrNull())
      .property("resource_type", Schema.string().nullable().maxLength(255))
      .property("service_id", Schema.types("integer", "null").minimum(1))
      .closed();

  private final WorkersApi workers;

  public WorkersHandler(WorkersApi workers) {
    this.workers = workers;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.post("/workers/cleanup", this::cleanup);
  }

  private Future<ApiResponse> cleanup(ApiRequest req) {
    Versions.require(req, MIN_VERSION);
    if (!req.context().isAdmin()) {
      throw ApiException.forbidden("Policy doesn't allow workers:cleanup to be performed.");
    }
    JsonObject body = req.body() == null ? new JsonObject() : req.validBody(CLEANUP);
    return workers.cleanup(req.context(), body).map(answer -> ApiResponse.accepted(new JsonObject()
        .put("cleaning", view(answer.cleaning()))
        .put("unavailable", view(answer.unavailable()))));
  }

  private static JsonArray view(List<Service> services) {
    JsonArray out = new JsonArray();
    services.forEach(s -> out.add(new JsonObject().put("id", s.id()).put("host", s.host()).put("binary", s.binary())
        .put("cluster_name", s.clusterName())));
    return out;
  }
}
