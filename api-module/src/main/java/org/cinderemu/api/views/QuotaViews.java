package org.cinderemu.api.views;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.cinderemu.common.objects.QuotaUsage;

/** {@code os-quota-sets}, {@code /limits} and {@code os-availability-zone} bodies. */
public final class QuotaViews {

  // quota resource -> /limits absolute names (cinder/api/views/limits.py) and the used-limits extension
  private static final Map<String, String> MAX_NAMES = Map.of(
      "gigabytes", "maxTotalVolumeGigabytes",
      "backup_gigabytes", "maxTotalBackupGigabytes",
      "volumes", "maxTotalVolumes",
      "snapshots", "maxTotalSnapshots",
      "backups", "maxTotalBackups");
  private static final Map<String, String> USED_NAMES = Map.of(
      "volumes", "totalVolumesUsed",
      "gigabytes", "totalGigabytesUsed",
      "snapshots", "totalSnapshotsUsed",
      "backups", "totalBackupsUsed",
      "backup_gigabytes", "totalBackupGigabytesUsed");

  private QuotaViews() {
  }

  /** {@code {"quota_set": {"id"?, resource: limit | {limit, in_use, reserved}}}}. */
  public static JsonObject quotaSet(String projectId, Map<String, QuotaUsage> usage, boolean withUsage) {
    JsonObject set = new JsonObject();
    if (projectId != null) {
      set.put("id", projectId);
    }
    usage.forEach((resource, u) -> set.put(resource, withUsage
        ? new JsonObject().put("limit", u.limit()).put("in_use", u.inUse()).put("reserved", u.reserved())
        : u.limit()));
    return new JsonObject().put("quota_set", set);
  }

  public static JsonObject defaults(String projectId, Map<String, Integer> limits) {
    JsonObject set = new JsonObject().put("id", projectId);
    limits.forEach(set::put);
    return new JsonObject().put("quota_set", set);
  }

  /** {@code {"limits": {"rate": [], "absolute": {...}}}}: limits first, then usage, as Cinder merges them. */
  public static JsonObject limits(Map<String, QuotaUsage> usage) {
    JsonObject absolute = new JsonObject();
    usage.forEach((resource, u) -> {
      String name = MAX_NAMES.get(resource);
      if (name != null) {
        absolute.put(name, u.limit());
      }
    });
    usage.forEach((resource, u) -> {
      String name = USED_NAMES.get(resource);
      if (name != null) {
        absolute.put(name, u.inUse());
      }
    });
    return new JsonObject().put("limits", new JsonObject().put("rate", new JsonArray()).put("absolute", absolute));
  }

  public static JsonObject availabilityZones(Map<String, Boolean> zones) {
    JsonArray list = new JsonArray();
    zones.forEach((name, available) -> list.add(new JsonObject().put("zoneName", name)
        .put("zoneState", new JsonObject().put("available", available))));
    return new JsonObject().put("availabilityZoneInfo", list);
  }

  /** get_pools: names only, or names with capabilities; {@code storage_protocol} shown as its first variant. */
  public static JsonObject pools(JsonArray pools, boolean detail) {
    JsonArray out = new JsonArray();
    for (Object p : pools) {
      if (!(p instanceof JsonObject pool)) {
        continue;
      }
      JsonObject item = new JsonObject().put("name", pool.getValue("name"));
      if (detail) {
        JsonObject caps = pool.getValue("capabilities") instanceof JsonObject c ? c.copy() : null;
        if (caps != null && caps.getValue("storage_protocol") instanceof JsonArray variants) {
          caps.put("storage_protocol", variants.isEmpty() ? null : variants.getValue(0));
        }
        item.put("capabilities", caps);
      }
      out.add(item);
    }
    return new JsonObject().put("pools", out);
  }
}
