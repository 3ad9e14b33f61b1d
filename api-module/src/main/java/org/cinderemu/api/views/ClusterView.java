package org.cinderemu.api.views;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.common.db.ClusterRepository;
import org.cinderemu.common.objects.Cluster;

/** The clusters API's views (cinder/api/v3/views/clusters.py); replication fields from 3.26. */
public final class ClusterView {

  private ClusterView() {
  }

  public static JsonObject summary(Cluster c, ApiVersion mv, LocalDateTime now, Duration downTime) {
    JsonObject o = new JsonObject()
        .put("name", c.name())
        .put("binary", c.binary())
        .put("state", ClusterRepository.isUp(c, now, downTime) ? "up" : "down")
        .put("status", c.disabled() ? "disabled" : "enabled");
    if (mv.isAtLeast("3.26")) {
      o.put("replication_status", c.replicationStatus());
    }
    return o;
  }

  public static JsonObject detail(Cluster c, ApiVersion mv, LocalDateTime now, Duration downTime) {
    JsonObject o = summary(c, mv, now, downTime)
        .put("num_hosts", c.numHosts())
        .put("num_down_hosts", c.numDownHosts())
        .put("last_heartbeat", ApiTimes.format(c.lastHeartbeat()))
        .put("created_at", ApiTimes.format(c.createdAt()))
        .put("updated_at", ApiTimes.format(c.updatedAt()))
        .put("disabled_reason", c.disabledReason());
    if (mv.isAtLeast("3.26")) {
      o.put("frozen", c.frozen()).put("active_backend_id", c.activeBackendId());
    }
    return o;
  }

  public static JsonObject list(List<Cluster> clusters, boolean detail, ApiVersion mv, LocalDateTime now,
      Duration downTime) {
    JsonArray items = new JsonArray();
    clusters.forEach(c -> items.add(detail ? detail(c, mv, now, downTime) : summary(c, mv, now, downTime)));
    return new JsonObject().put("clusters", items);
  }
}
