package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinderemu.api.core.TimeFilters;
import org.cinderemu.api.core.VolumeApi;
import org.cinderemu.api.core.VolumeCreateRequest;
import org.cinderemu.api.core.VolumeListRequest;
import org.cinderemu.api.core.VolumeMetadataApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.api.paging.Pagination;
import org.cinderemu.api.validation.ParameterTypes;
import org.cinderemu.api.validation.Schema;
import org.cinderemu.api.views.VolumeView;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.oslo.Strutils;

/** {@code /volumes}: create, list (summary and detail), show, update and delete (cinder/api/v3/volumes.py). */
public final class VolumesHandler implements ResourceRoutes {

  // cinder/api/schemas/volumes.py create: unknown keys inside "volume" are tolerated (and ignored) until 3.53
  private static final Schema CREATE_VOLUME = Schema.object()
      .property("name", ParameterTypes.name())
      .property("description", ParameterTypes.description())
      .property("display_name", ParameterTypes.name())
      .property("display_description", ParameterTypes.description())
      .property("volume_type", ParameterTypes.name())
      .property("metadata", ParameterTypes.metadata().nullable())
      .property("snapshot_id", ParameterTypes.uuidOrNull())
      .property("source_volid", ParameterTypes.uuidOrNull())
      .property("consistencygroup_id", ParameterTypes.uuidOrNull())
      .property("size", ParameterTypes.volumeSize().nullable())
      .property("availability_zone", ParameterTypes.availabilityZone())
      .property("multiattach", ParameterTypes.optionalBool())
      .property("image_id", Schema.string().nullable().minLength(0).maxLength(255))
      .property("imageRef", Schema.string().nullable().minLength(0).maxLength(255));

  // cinder/api/schemas/volumes.py update: closed at every microversion, and from 3.53 not empty
  private static final Schema UPDATE_VOLUME = Schema.object()
      .property("name", ParameterTypes.name())
      .property("description", ParameterTypes.description())
      .property("display_name", ParameterTypes.name())
      .property("display_description", ParameterTypes.description())
      .property("metadata", ParameterTypes.metadata())
      .closed();

  /** {@code create}, {@code create_volume_v313}, {@code create_volume_v347}, {@code create_volume_v353}. */
  static Schema create(ApiVersion mv) {
    Schema volume = CREATE_VOLUME;
    if (mv.isAtLeast("3.13")) {
      volume = volume.property("group_id", Schema.string().nullable().minLength(0).maxLength(255));
    }
    if (mv.isAtLeast("3.47")) {
      volume = volume.property("backup_id", ParameterTypes.uuidOrNull());
    }
    if (mv.isAtLeast(SCHEMA_CHANGES)) {
      volume = volume.closed();
    }
    return Schema.object().requiredProperty("volume", volume)
        .property("OS-SCH-HNT:scheduler_hints", Schema.object().nullable())
        .closed();
  }

  /** {@code update}, {@code update_volume_v353}. */
  static Schema update(ApiVersion mv) {
    Schema volume = mv.isAtLeast(SCHEMA_CHANGES)
        ? UPDATE_VOLUME.anyOfRequired("name", "description", "display_name", "display_description", "metadata")
        : UPDATE_VOLUME;
    return Schema.object().requiredProperty("volume", volume).closed();
  }

  /** SUPPORT_VOLUME_SCHEMA_CHANGES. */
  private static final String SCHEMA_CHANGES = "3.53";


  private final VolumeApi volumes;
  private final int maxMetadataItems;

  /** @param maxMetadataItems {@code emulator_max_volume_metadata_items} */
  public VolumesHandler(VolumeApi volumes, int maxMetadataItems) {
    this.volumes = volumes;
    this.maxMetadataItems = maxMetadataItems;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/volumes", req -> list(req, false))
        .get("/volumes/detail", req -> list(req, true))
        .post("/volumes", this::create)
        .get("/volumes/:id", this::show)
        .put("/volumes/:id", this::update)
        .delete("/volumes/:id", this::delete);
  }

  private Future<ApiResponse> update(ApiRequest req) {
    JsonObject v = req.validBody(update(req.microversion())).getJsonObject("volume");
    Map<String, Object> columns = new LinkedHashMap<>();
    // like Cinder, "name" and "description" win over their display_ forms
    for (String[] names : new String[][] {{"name", "display_name"}, {"description", "display_description"}}) {
      if (v.containsKey(names[0])) {
        columns.put(names[1], v.getString(names[0]));
      } else if (v.containsKey(names[1])) {
        columns.put(names[1], v.getString(names[1]));
      }
    }
    JsonObject metadata = v.getJsonObject("metadata");
    if (metadata != null && metadata.size() > maxMetadataItems) {
      throw VolumeMetadataApi.tooMany(maxMetadataItems, 413);
    }
    return volumes.update(req.context(), req.pathParam("id"), columns, metadata == null ? null : strings(metadata))
        .map(volume -> ApiResponse.ok(new JsonObject().put("volume", VolumeView.detail(req, volume))));
  }

  private Future<ApiResponse> create(ApiRequest req) {
    JsonObject body = req.validBody(create(req.microversion()));
    JsonObject v = body.getJsonObject("volume");
    if (truthy(v.getValue("multiattach"))) {
      throw ApiException.badRequest("multiattach parameter has been removed. The default behavior is to use "
          + "multiattach enabled volume types. Contact your administrator to create a multiattach enabled volume "
          + "type and use it to create multiattach volumes.");
    }
    // backup_id is read from 3.47 (VOLUME_CREATE_FROM_BACKUP); below it stays refused as unsupported
    boolean fromBackup = req.microversion().isAtLeast("3.47");
    for (String source : List.of("snapshot_id", "source_volid", "backup_id", "imageRef", "image_id",
        "consistencygroup_id", "group_id")) {
      if (v.getValue(source) != null && !(fromBackup && source.equals("backup_id"))) {
        throw ApiException.notImplemented("Creating a volume with " + source + " is not supported by the "
            + "emulator.");
      }
    }
    JsonObject metadata = v.getJsonObject("metadata");
    if (metadata != null && metadata.size() > maxMetadataItems) {
      throw VolumeMetadataApi.tooMany(maxMetadataItems, 400);
    }
    JsonObject hints = body.getJsonObject("OS-SCH-HNT:scheduler_hints");
    VolumeCreateRequest create = new VolumeCreateRequest(
        size(v.getValue("size")),
        v.containsKey("name") ? v.getString("name") : v.getString("display_name"),
        v.containsKey("description") ? v.getString("description") : v.getString("display_description"),
        v.getString("volume_type"),
        v.getString("availability_zone"),
        strings(metadata),
        hints,
        fromBackup ? v.getString("backup_id") : null);
    return volumes.create(req.context(), create)
        .map(volume -> ApiResponse.accepted(new JsonObject().put("volume", VolumeView.detail(req, volume))));
  }

  private Future<ApiResponse> show(ApiRequest req) {
    return volumes.get(req.context(), req.pathParam("id"))
        .map(v -> ApiResponse.ok(new JsonObject().put("volume", VolumeView.detail(req, v))));
  }

  private Future<ApiResponse> list(ApiRequest req, boolean detail) {
    Pagination page = req.pagination().requireSortKeys(Set.copyOf(VolumeListRequest.SORT_KEYS));
    Map<String, String> filters = new LinkedHashMap<>();
    boolean timeFilters = req.microversion().isAtLeast(TimeFilters.MICROVERSION);
    for (Map.Entry<String, String> e : req.query()) {
      if (!timeFilters && TimeFilters.FIELDS.contains(e.getKey())) {
        continue;
      }
      if (!VolumeListRequest.NOT_FILTERS.contains(e.getKey())) {
        filters.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    boolean allTenants = truthy(req.queryParam("all_tenants"));
    boolean withCount = req.microversion().isAtLeast("3.45") && truthy(req.queryParam("with_count"));
    VolumeListRequest listing = new VolumeListRequest(page, filters, allTenants, withCount);
    Future<Integer> count = withCount ? volumes.count(req.context(), listing) : Future.succeededFuture(null);
    return volumes.list(req.context(), listing).compose(found -> count.map(n -> {
      JsonArray links = found.isEmpty() ? new JsonArray()
          : req.nextLinks(VolumeView.COLLECTION, page, found.size(), n, found.get(found.size() - 1).id());
      return ApiResponse.ok(VolumeView.list(req, found, detail, links, n));
    })).recover(e -> e instanceof VolumeApi.UnknownFilter
        ? Future.succeededFuture(ApiResponse.ok(VolumeView.list(req, List.<Volume>of(), detail, null,
            withCount ? 0 : null)))
        : Future.failedFuture(e));
  }

  private Future<ApiResponse> delete(ApiRequest req) {
    boolean cascade = boolParam(req, "cascade");
    boolean force = req.microversion().isAtLeast("3.23") && boolParam(req, "force");
    return volumes.delete(req.context(), req.pathParam("id"), cascade, force).map(v -> ApiResponse.accepted());
  }

  /** Cinder's {@code get_bool_param}: absent is false, anything but a boolean string is a 400. */
  static boolean boolParam(ApiRequest req, String name) {
    String value = req.queryParam(name);
    if (value == null) {
      return false;
    }
    if (!Strutils.isBoolString(value)) {
      throw ApiException.badRequest("Value '" + value + "' for '" + name + "' is not a boolean.");
    }
    return Strutils.boolFromString(value);
  }

  /** oslo's non-strict bool_from_string, as Cinder reads all_tenants and multiattach. */
  static boolean truthy(Object value) {
    return value != null && Strutils.boolFromString(value);
  }

  /** The schema allowed an integer or a digit string; a string too large for an int cannot be a size. */
  private static Integer size(Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(raw));
    } catch (NumberFormatException e) {
      throw ApiException.invalidInput("Invalid volume size provided for create request: " + raw + " (size "
          + "argument must be an integer (or string representation of an integer) and greater than zero).");
    }
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      o.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return out;
  }
}
