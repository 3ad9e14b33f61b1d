package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cinderemu.api.core.TypeApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.paging.Pagination;
import org.cinderemu.api.paging.SortKey;
import org.cinderemu.api.validation.ParameterTypes;
import org.cinderemu.api.validation.Schema;
import org.cinderemu.api.views.VolumeTypeView;
import org.cinderemu.common.objects.VolumeType;

/** {@code /types}: list, show, create, update, delete (cinder/api/v3/types.py and types_manage.py). */
public final class TypesHandler implements ResourceRoutes {

  // parameter_types.name: 1-255 characters without leading or trailing whitespace
  private static final Schema NAME = Schema.string().minLength(1).maxLength(255).pattern("^(?!\\s).*(?<!\\s)$");
  static final Schema CREATE = Schema.object()
      .requiredProperty("volume_type", Schema.object()
          .requiredProperty("name", NAME)
          .property("description", ParameterTypes.description())
          .property("extra_specs", ParameterTypes.metadata().nullable())
          .property("os-volume-type-access:is_public", ParameterTypes.bool())
          .closed())
      .closed();
  static final Schema UPDATE = Schema.object()
      .requiredProperty("volume_type", Schema.object()
          .property("name", Schema.string().nullable().minLength(1).maxLength(255))
          .property("description", ParameterTypes.description())
          .property("is_public", ParameterTypes.bool())
          .closed())
      .closed();

  private static final Map<String, Function<VolumeType, Comparable<?>>> SORTABLE = Map.of(
      "id", VolumeType::id,
      "name", VolumeType::name,
      "description", t -> t.description() == null ? "" : t.description(),
      "is_public", VolumeType::isPublic,
      "created_at", t -> t.createdAt() == null ? java.time.LocalDateTime.MIN : t.createdAt(),
      "updated_at", t -> t.updatedAt() == null ? java.time.LocalDateTime.MIN : t.updatedAt());

  private final TypeApi types;

  public TypesHandler(TypeApi types) {
    this.types = types;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/types", this::list)
        .post("/types", this::create)
        .get("/types/:id", req -> types.get(req.pathParam("id"))
            .map(t -> ApiResponse.ok(VolumeTypeView.show(t))))
        .put("/types/:id", this::update)
        .delete("/types/:id", req -> types.delete(req.pathParam("id")).map(v -> ApiResponse.accepted()));
  }

  private Future<ApiResponse> list(ApiRequest req) {
    Pagination page = req.pagination().requireSortKeys(SORTABLE.keySet());
    String isPublic = req.queryParam("is_public");
    return types.list().map(all -> {
      List<VolumeType> filtered = new ArrayList<>();
      for (VolumeType t : all) {
        if (isPublic == null || isPublic.equalsIgnoreCase("none")
            || VolumesHandler.truthy(isPublic) == t.isPublic()) {
          filtered.add(t);
        }
      }
      filtered.sort(comparator(page.sortWithTieBreakers()));
      List<VolumeType> shown = page.apply(filtered, VolumeType::id);
      JsonArray links = shown.isEmpty() ? new JsonArray()
          : req.nextLinks("types", page, shown.size(), null, shown.get(shown.size() - 1).id());
      return ApiResponse.ok(VolumeTypeView.list(shown, links));
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<VolumeType> comparator(List<SortKey> keys) {
    Comparator<VolumeType> c = (a, b) -> 0;
    for (SortKey k : keys) {
      Function<VolumeType, Comparable<?>> f = SORTABLE.get(k.key());
      Comparator<VolumeType> one = (a, b) -> ((Comparable) f.apply(a)).compareTo(f.apply(b));
      c = c.thenComparing(k.ascending() ? one : one.reversed());
    }
    return c;
  }

  private Future<ApiResponse> create(ApiRequest req) {
    JsonObject t = req.validBody(CREATE).getJsonObject("volume_type");
    Object access = t.getValue("os-volume-type-access:is_public");
    boolean isPublic = access == null || VolumesHandler.truthy(access);
    return types.create(t.getString("name"), t.getString("description"), strings(t.getJsonObject("extra_specs")),
        isPublic).map(created -> ApiResponse.ok(VolumeTypeView.show(created)));
  }

  private Future<ApiResponse> update(ApiRequest req) {
    JsonObject t = req.validBody(UPDATE).getJsonObject("volume_type");
    String name = t.getString("name");
    if (name != null) {
      name = name.strip();
      if (name.isEmpty()) {
        throw ApiException.badRequest("Volume type name can not be empty.");
      }
    }
    Boolean isPublic = t.getValue("is_public") == null ? null : VolumesHandler.truthy(t.getValue("is_public"));
    return types.update(req.pathParam("id"), name, t.getString("description"), isPublic)
        .map(updated -> ApiResponse.ok(VolumeTypeView.show(updated)));
  }

  static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      o.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return out;
  }
}
