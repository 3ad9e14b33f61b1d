package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinderemu.api.core.MetadataEtag;
import org.cinderemu.api.core.VolumeMetadataApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.validation.ParameterTypes;
import org.cinderemu.api.validation.Schema;

/**
 * {@code /volumes/{id}/metadata[/{key}]} (cinder/api/v3/volume_metadata.py): POST merges, PUT replaces
 * (guarded by {@code If-Match} from 3.15, when the listing carries an {@code Etag}), one key at a time with
 * {@code {"meta": {...}}}. cinderclient's {@code metadata ... unset} at 3.15+ is a GET then such a PUT.
 */
public final class VolumeMetadataHandler implements ResourceRoutes {

  // cinder/api/schemas/volume_metadata.py (null metadata, which Cinder lets through to fail later, is a 400 here)
  static final Schema METADATA = Schema.object().requiredProperty("metadata", ParameterTypes.metadata()).closed();
  static final Schema META = Schema.object().requiredProperty("meta", ParameterTypes.metadata()).closed();

  private static final String ETAGS = "3.15";

  private final VolumeMetadataApi metadata;

  public VolumeMetadataHandler(VolumeMetadataApi metadata) {
    this.metadata = metadata;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/volumes/:id/metadata", this::index)
        .post("/volumes/:id/metadata", req -> updateAll(req, false))
        .put("/volumes/:id/metadata", req -> updateAll(req, true))
        .get("/volumes/:id/metadata/:key", this::show)
        .put("/volumes/:id/metadata/:key", this::updateKey)
        .delete("/volumes/:id/metadata/:key", this::deleteKey);
  }

  private Future<ApiResponse> index(ApiRequest req) {
    return metadata.get(req.context(), req.pathParam("id")).map(m -> {
      ApiResponse ok = ApiResponse.ok(body("metadata", m));
      return req.microversion().isAtLeast(ETAGS) ? ok.withHeader("Etag", MetadataEtag.of(m)) : ok;
    });
  }

  private Future<ApiResponse> updateAll(ApiRequest req, boolean replace) {
    Map<String, String> values = TypesHandler.strings(req.validBody(METADATA).getJsonObject("metadata"));
    String id = req.pathParam("id");
    String ifMatch = req.routingContext().request().getHeader("If-Match");
    Future<Boolean> current = replace && req.microversion().isAtLeast(ETAGS) && ifMatch != null
        ? metadata.get(req.context(), id).map(m -> MetadataEtag.matches(ifMatch, MetadataEtag.of(m)))
        : Future.succeededFuture(true);
    return current.compose(matches -> !matches
        ? Future.succeededFuture(ApiResponse.status(412, null))
        : metadata.update(req.context(), id, values, replace).map(m -> ApiResponse.ok(body("metadata", m))));
  }

  private Future<ApiResponse> show(ApiRequest req) {
    String id = req.pathParam("id");
    String key = req.pathParam("key");
    return metadata.get(req.context(), id).compose(m -> m.containsKey(key)
        ? Future.succeededFuture(ApiResponse.ok(body("meta", Map.of(key, m.get(key)))))
        : Future.failedFuture(VolumeMetadataApi.notFound(id, key)));
  }

  private Future<ApiResponse> updateKey(ApiRequest req) {
    JsonObject meta = req.validBody(META).getJsonObject("meta");
    String key = req.pathParam("key");
    if (!meta.containsKey(key)) {
      throw ApiException.badRequest("Request body and URI mismatch");
    }
    if (meta.size() > 1) {
      throw ApiException.badRequest("Request body contains too many items");
    }
    return metadata.update(req.context(), req.pathParam("id"), TypesHandler.strings(meta), false)
        .map(all -> ApiResponse.ok(new JsonObject().put("meta", meta)));
  }

  private Future<ApiResponse> deleteKey(ApiRequest req) {
    return metadata.delete(req.context(), req.pathParam("id"), req.pathParam("key"))
        .map(v -> ApiResponse.status(200, null));
  }

  private static JsonObject body(String name, Map<String, String> m) {
    return new JsonObject().put(name, new JsonObject(new LinkedHashMap<String, Object>(m)));
  }
}
