package org.cinderemu.api.views;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.cinderemu.api.core.ServicesApi;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.common.objects.Service;

/** os-services entries (docs/cinder-reference.md §8.6) and the enable/disable answers. */
public final class ServiceView {

  private static final String VOLUME_BINARY = org.cinderemu.common.rpc.api.ServiceTopic.VOLUME.topic();

  private ServiceView() {
  }

  public static JsonObject list(List<ServicesApi.Entry> entries, ApiVersion mv) {
    JsonArray items = new JsonArray();
    for (ServicesApi.Entry e : entries) {
      Service s = e.service();
      JsonObject o = new JsonObject()
          .put("binary", s.binary())
          .put("host", s.host())
          .put("zone", s.availabilityZone())
          .put("status", s.disabled() ? "disabled" : "enabled")
          .put("state", e.up() ? "up" : "down")
          .put("updated_at", ApiTimes.format(e.lastSeen()));
      if (mv.isAtLeast("3.49") && VOLUME_BINARY.equals(s.binary())) {
        o.put("backend_state", e.backendState());
      }
      if (mv.isAtLeast("3.7")) {
        o.put("cluster", s.clusterName());
      }
      o.put("disabled_reason", s.disabledReason());
      if (VOLUME_BINARY.equals(s.binary())) {
        o.put("replication_status", s.replicationStatus());
        o.put("active_backend_id", s.activeBackendId());
        o.put("frozen", s.frozen());
      }
      items.add(o);
    }
    return new JsonObject().put("services", items);
  }

  /**
   * The body of {@code PUT /os-services/<action>}: enable starts with {@code disabled_reason: null},
   * disable-log-reason carries the reason; {@code service} echoes the deprecated request key.
   */
  public static JsonObject updated(String action, String host, String serviceKey, String binary, String reason) {
    JsonObject o = new JsonObject();
    boolean disabled = !action.equals("enable");
    if (!disabled) {
      o.put("disabled_reason", null);
    }
    o.put("disabled", disabled);
    if (action.equals("disable-log-reason")) {
      o.put("disabled_reason", reason);
    }
    return o.put("host", host)
        .put("service", serviceKey)
        .put("binary", binary)
        .put("status", disabled ? "disabled" : "enabled");
  }
}
