package org.cinderemu.scheduler;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.objects.VersionedObjects;

/**
 * Reads a {@code request_spec} whether it arrives as a RequestSpec primitive (create_volume) or as the
 * plain dict some scheduler methods send (extend_volume, migrate_volume; §3.5).
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
      JsonObject out = new JsonObject();
      source.forEach(e -> out.put(e.getKey(), plain(e.getValue())));
      return out;
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(plain(v)));
      return out;
    }
    return value;
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
