package org.cinderemu.scheduler;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.objects.VersionedObjects;

/**
 * Reads a {@code request_spec} whether it arrives as a RequestSpec primitive (create_volume) or as the
 * plain dict some scheduler methods send (extend_volume, migrate_volume; docs/cinder-reference.md §3.5).
 */
final class RequestSpecView {

  private final JsonObject data;

  RequestSpecView(JsonObject requestSpec) {
    this.data = unwrap(requestSpec);
  }

  /** A primitive's data, or the object itself when it is a plain dict; null stays an empty object. */
  static JsonObject unwrap(JsonObject o) {
    if (o == null) {
      return new JsonObject();
    }
    return o.containsKey(VersionedObjects.DATA) ? o.getJsonObject(VersionedObjects.DATA) : o;
  }

  /** Recursively turns primitives into plain dicts, as Cinder's {@code to_primitive} of a RequestSpec does. */
  static Object plain(Object value) {
    if (value instanceof JsonObject o) {
      JsonObject source = o.containsKey(VersionedObjects.DATA) ? o.getJsonObject(VersionedObjects.DATA) : o;
      // an object list (e.g. VolumeAttachmentList) becomes the plain list of its objects
      if (String.valueOf(o.getValue(VersionedObjects.NAME)).endsWith("List") && source.containsKey("objects")) {
        return plain(source.getValue("objects"));
      }
      JsonObject out = new JsonObject();
      source.forEach(e -> out.put(e.getKey(), plain(e.getValue())));
      if ("Volume".equals(o.getValue(VersionedObjects.NAME))) {
        addVolumeProperties(out);
      }
      return out;
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(plain(v)));
      return out;
    }
    return value;
  }

  /**
   * The request spec as the scheduler forwards it: Cinder's scheduler lazy-loads the volume's
   * {@code glance_metadata} (an empty dict for non-image volumes), so that key appears after
   * {@code admin_metadata} in the volume primitive it casts on (captured message 02).
   */
  static JsonObject withGlanceMetadata(JsonObject requestSpec) {
    if (requestSpec == null || !(requestSpec.getValue(VersionedObjects.DATA) instanceof JsonObject data)
        || !(data.getValue("volume") instanceof JsonObject volume)
        || !(volume.getValue(VersionedObjects.DATA) instanceof JsonObject volumeData)
        || volumeData.containsKey("glance_metadata")) {
      return requestSpec;
    }
    JsonObject withGlance = new JsonObject();
    volumeData.forEach(e -> {
      withGlance.put(e.getKey(), e.getValue());
      if (e.getKey().equals("admin_metadata")) {
        withGlance.put("glance_metadata", new JsonObject());
      }
    });
    JsonObject copy = requestSpec.copy();
    copy.getJsonObject(VersionedObjects.DATA).getJsonObject("volume").put(VersionedObjects.DATA, withGlance);
    return copy;
  }

  // a Volume's to_primitive also lists its computed name and its relationship rows (captured message 02)
  private static void addVolumeProperties(JsonObject volume) {
    Object nameId = volume.getValue("_name_id") != null ? volume.getValue("_name_id") : volume.getValue("id");
    volume.put("name", "volume-" + nameId);
    volume.put("name_id", nameId);
    volume.put("volume_metadata", keyValueRows(volume.getJsonObject("metadata")));
    volume.put("volume_admin_metadata", keyValueRows(volume.getJsonObject("admin_metadata")));
    volume.put("volume_glance_metadata", new JsonArray());
  }

  private static JsonArray keyValueRows(JsonObject map) {
    JsonArray rows = new JsonArray();
    if (map != null) {
      map.forEach(e -> rows.add(new JsonObject().put("key", e.getKey()).put("value", e.getValue())));
    }
    return rows;
  }

  List<String> availabilityZones() {
    List<String> zones = new ArrayList<>();
    JsonArray a = data.getJsonArray("availability_zones");
    if (a != null) {
      a.forEach(z -> zones.add(String.valueOf(z)));
    }
    return zones;
  }

  JsonObject volumeType() {
    Object t = data.getValue("volume_type");
    return t instanceof JsonObject o ? o : null;
  }

  JsonObject extraSpecs() {
    JsonObject type = volumeType();
    JsonObject specs = type == null ? null : unwrap(type).getJsonObject("extra_specs");
    return specs == null ? new JsonObject() : specs;
  }

  String resourceBackend() {
    return data.getString("resource_backend");
  }

  JsonObject volumeProperties() {
    Object p = data.getValue("volume_properties");
    return p instanceof JsonObject o ? unwrap(o) : new JsonObject();
  }

  boolean multiattach() {
    return Boolean.TRUE.equals(volumeProperties().getValue("multiattach"));
  }
}
