package org.cinderemu.api.views;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.objects.VolumeType;

/** Volume types as Cinder's types view plus the volume-type-access extension render them. */
public final class VolumeTypeView {

  private VolumeTypeView() {
  }

  public static JsonObject item(VolumeType t) {
    return new JsonObject()
        .put("id", t.id())
        .put("name", t.name())
        .put("is_public", t.isPublic())
        .put("description", t.description())
        .put("extra_specs", specs(t.extraSpecs()))
        .put("qos_specs_id", t.qosSpecsId())
        .put("os-volume-type-access:is_public", t.isPublic());
  }

  public static JsonObject show(VolumeType t) {
    return new JsonObject().put("volume_type", item(t));
  }

  public static JsonObject list(List<VolumeType> types, JsonArray links) {
    JsonArray items = new JsonArray();
    types.forEach(t -> items.add(item(t)));
    JsonObject body = new JsonObject().put("volume_types", items);
    if (links != null && !links.isEmpty()) {
      body.put("volume_type_links", links);
    }
    return body;
  }

  public static JsonObject extraSpecs(Map<String, String> specs) {
    return new JsonObject().put("extra_specs", specs(specs));
  }

  static JsonObject specs(Map<String, String> specs) {
    return new JsonObject(new LinkedHashMap<String, Object>(specs));
  }
}
