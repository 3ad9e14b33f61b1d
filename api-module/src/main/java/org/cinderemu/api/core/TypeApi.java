package org.cinderemu.api.core;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.VolumeTypeRepository;
import org.cinderemu.common.objects.VolumeType;

/**
 * Volume types and their extra specs (cinder/volume/volume_types.py plus the types_manage and
 * types_extra_specs controllers' checks). Failures carry Cinder's HTTP status and message.
 */
public final class TypeApi {

  private static final Pattern UUID_LIKE =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");

  private final VolumeTypeRepository types;
  private final ApiOptions options;

  public TypeApi(ApiEnvironment env) {
    this.types = env.db().volumeTypes();
    this.options = env.options();
  }

  /** {@code GET /types/{id}}: {@code default} names the default type. */
  public Future<VolumeType> get(String id) {
    if ("default".equals(id)) {
      return defaultType();
    }
    return ApiErrors.translated(types.get(id));
  }

  /** Cinder's {@code get_by_name_or_id}: a uuid-like value is an id, anything else a name. */
  public Future<VolumeType> getByNameOrId(String identity) {
    if (UUID_LIKE.matcher(identity).matches()) {
      return ApiErrors.translated(types.get(identity));
    }
    return types.findByName(identity).compose(t -> t.map(Future::succeededFuture).orElseGet(() ->
        Future.failedFuture(ApiException.notFound("Volume type with name " + identity + " could not be found."))));
  }

  /** The type named by {@code default_volume_type}; its absence is a deployment error (500), as in Cinder. */
  public Future<VolumeType> defaultType() {
    String name = options.defaultVolumeType();
    return types.findByName(name).compose(t -> t.map(Future::succeededFuture).orElseGet(() ->
        Future.failedFuture(new ApiException(500, "The request cannot be fulfilled as the default volume type "
            + name + " cannot be found."))));
  }

  public Future<List<VolumeType>> list() {
    return types.list();
  }

  public Future<VolumeType> create(String name, String description, Map<String, String> extraSpecs,
      boolean isPublic) {
    VolumeType wanted = VolumeType.builder().name(name).description(description).isPublic(isPublic)
        .extraSpecs(extraSpecs).build();
    return ApiErrors.translated(types.create(wanted));
  }

  /** Changes the given attributes (null = unchanged); at least one must be given. */
  public Future<VolumeType> update(String id, String name, String description, Boolean isPublic) {
    if (name == null && description == null && isPublic == null) {
      return Future.failedFuture(ApiException.badRequest(
          "Specify volume type name, description, is_public or a combination thereof."));
    }
    return get(id).compose(type -> {
      if (name != null && type.name().equals(options.defaultVolumeType()) && !name.equals(type.name())) {
        return Future.failedFuture(ApiException.badRequest("Default volume type can not be updated."));
      }
      Map<String, Object> values = new LinkedHashMap<>();
      if (name != null) {
        values.put("name", name);
      }
      if (description != null) {
        values.put("description", description);
      }
      if (isPublic != null) {
        values.put("is_public", isPublic);
      }
      return ApiErrors.translated(types.update(type.id(), values)).compose(v -> types.get(type.id()));
    });
  }

  /** Soft-deletes a type: never the default one, never while live volumes use it (both 400). */
  public Future<Void> delete(String id) {
    return get(id).compose(type -> {
      if (type.name().equals(options.defaultVolumeType())) {
        return Future.failedFuture(ApiException.badRequest("Default volume type can not be deleted."));
      }
      return ApiErrors.translated(types.softDelete(type.id())).mapEmpty();
    });
  }

  public Future<Map<String, String>> extraSpecs(String typeId) {
    return get(typeId).compose(t -> types.getExtraSpecs(t.id()));
  }

  /** Adds or changes {@code specs}, keeping the others. */
  public Future<Map<String, String>> setExtraSpecs(String typeId, Map<String, String> specs) {
    return get(typeId).compose(t -> types.setExtraSpecs(t.id(), specs));
  }

  public Future<String> extraSpec(String typeId, String key) {
    return extraSpecs(typeId).compose(specs -> specs.containsKey(key)
        ? Future.succeededFuture(specs.get(key))
        : Future.failedFuture(extraSpecNotFound(typeId, key)));
  }

  public Future<Void> deleteExtraSpec(String typeId, String key) {
    return get(typeId).compose(t -> types.deleteExtraSpec(t.id(), key)).compose(deleted -> deleted
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(extraSpecNotFound(typeId, key)));
  }

  /** The live type with that id, if any (for views that only have an id). */
  public Future<Optional<VolumeType>> find(String id) {
    return types.find(id);
  }

  private static ApiException extraSpecNotFound(String typeId, String key) {
    return ApiException.notFound("Volume Type " + typeId + " has no extra specs with key " + key + ".");
  }
}
