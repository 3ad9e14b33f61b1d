package org.cinderemu.api.views;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.microversion.ApiVersion;
import org.cinderemu.common.objects.Backup;

/**
 * Backups as Cinder's views and v3 controller render them (docs/cinder-reference.md §8.6, cinder/api/views/backups.py):
 * the summary {@code {id, name, links}}, the detail in Cinder's key order plus the microversion fields, the list
 * envelope and the restore answer.
 */
public final class BackupView {

  public static final String COLLECTION = "backups";
  /** Cinder's placeholder key id of unencrypted volumes, never shown. */
  static final String FIXED_KEY_ID = "00000000-0000-0000-0000-000000000000";

  private BackupView() {
  }

  public static JsonObject summary(ApiRequest req, Backup b) {
    return summary(b, req.itemLinks(COLLECTION, b.id()));
  }

  public static JsonObject summary(Backup b, JsonArray links) {
    return new JsonObject()
        .put("id", b.id())
        .put("name", b.displayName())
        .put("links", links);
  }

  public static JsonObject detail(ApiRequest req, Backup b) {
    return detail(b, req.itemLinks(COLLECTION, b.id()), req.microversion(), req.context().isAdmin());
  }

  /**
   * @param admin whether the caller passes Cinder's {@code backup:backup_project_attribute} policy (always
   *     under noauth); it gates the project and user attributes
   */
  public static JsonObject detail(Backup b, JsonArray links, ApiVersion mv, boolean admin) {
    JsonObject o = new JsonObject()
        .put("id", b.id())
        .put("status", b.status())
        .put("size", b.size())
        .put("object_count", b.objectCount())
        .put("availability_zone", b.availabilityZone())
        .put("container", b.container())
        .put("created_at", ApiTimes.format(b.createdAt()))
        .put("updated_at", ApiTimes.format(b.updatedAt()))
        .put("name", b.displayName())
        .put("description", b.displayDescription())
        .put("fail_reason", b.failReason())
        .put("volume_id", b.volumeId())
        .put("links", links)
        .put("is_incremental", b.isIncremental())
        .put("has_dependent_backups", b.hasDependentBackups())
        .put("snapshot_id", b.snapshotId())
        .put("data_timestamp", ApiTimes.format(b.dataTimestamp()));
    if (mv.isAtLeast("3.43")) {
      o.put("metadata", new JsonObject(new LinkedHashMap<String, Object>(b.metadata())));
    }
    if (mv.isAtLeast("3.64") && b.encryptionKeyId() != null && !FIXED_KEY_ID.equals(b.encryptionKeyId())) {
      o.put("encryption_key_id", b.encryptionKeyId());
    }
    // the v3 controller adds these after the view, so they come last
    if (admin && mv.isAtLeast("3.18")) {
      o.put("os-backup-project-attr:project_id", b.projectId());
    }
    if (admin && mv.isAtLeast("3.56")) {
      o.put("user_id", b.userId());
    }
    return o;
  }

  /** {@code {"backups": [...], "backups_links"?: [...], "count"?: n}}; empty links are left out. */
  public static JsonObject list(ApiRequest req, List<Backup> backups, boolean detail, JsonArray links,
      Integer count) {
    JsonArray items = new JsonArray();
    for (Backup b : backups) {
      items.add(detail ? detail(req, b) : summary(req, b));
    }
    return list(items, links, count);
  }

  public static JsonObject list(JsonArray items, JsonArray links, Integer count) {
    JsonObject o = new JsonObject().put(COLLECTION, items);
    if (links != null && !links.isEmpty()) {
      o.put(COLLECTION + "_links", links);
    }
    if (count != null) {
      o.put("count", count);
    }
    return o;
  }

  /** The answer of {@code POST /backups/{id}/restore}. */
  public static JsonObject restore(String backupId, String volumeId, String volumeName) {
    return new JsonObject().put("restore", new JsonObject()
        .put("backup_id", backupId)
        .put("volume_id", volumeId)
        .put("volume_name", volumeName));
  }
}
