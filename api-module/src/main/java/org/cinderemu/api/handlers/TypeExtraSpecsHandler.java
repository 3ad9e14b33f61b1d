package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.cinderemu.api.core.TypeApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.validation.ParameterTypes;
import org.cinderemu.api.validation.Schema;
import org.cinderemu.api.views.VolumeTypeView;

/** {@code /types/{id}/extra_specs[/{key}]} (cinder/api/contrib/types_extra_specs.py). */
public final class TypeExtraSpecsHandler implements ResourceRoutes {

  static final Schema CREATE = Schema.object()
      .requiredProperty("extra_specs", ParameterTypes.metadata())
      .closed();
  static final Schema UPDATE = ParameterTypes.metadata();

  private final TypeApi types;

  public TypeExtraSpecsHandler(TypeApi types) {
    this.types = types;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/types/:id/extra_specs", req -> types.extraSpecs(req.pathParam("id"))
            .map(specs -> ApiResponse.ok(VolumeTypeView.extraSpecs(specs))))
        .post("/types/:id/extra_specs", this::create)
        .get("/types/:id/extra_specs/:key", req -> types.extraSpec(req.pathParam("id"), req.pathParam("key"))
            .map(value -> ApiResponse.ok(new JsonObject().put(req.pathParam("key"), value))))
        .put("/types/:id/extra_specs/:key", this::update)
        .delete("/types/:id/extra_specs/:key", req -> types.deleteExtraSpec(req.pathParam("id"),
            req.pathParam("key")).map(v -> ApiResponse.accepted()));
  }

  private Future<ApiResponse> create(ApiRequest req) {
    JsonObject specs = req.validBody(CREATE).getJsonObject("extra_specs");
    Map<String, String> values = TypesHandler.strings(specs);
    return types.setExtraSpecs(req.pathParam("id"), values)
        .map(all -> ApiResponse.ok(VolumeTypeView.extraSpecs(values)));
  }

  private Future<ApiResponse> update(ApiRequest req) {
    JsonObject body = req.validBody(UPDATE);
    String key = req.pathParam("key");
    if (!body.containsKey(key)) {
      throw ApiException.badRequest("Request body and URI mismatch");
    }
    if (body.size() > 1) {
      throw ApiException.badRequest("Request body contains too many items");
    }
    Map<String, String> values = TypesHandler.strings(body);
    return types.setExtraSpecs(req.pathParam("id"), values).map(all -> ApiResponse.ok(body));
  }
}
