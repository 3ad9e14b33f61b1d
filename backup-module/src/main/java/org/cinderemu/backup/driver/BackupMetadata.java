package org.cinderemu.backup.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <prefix>_metadata} file of a chunked backup: Cinder's fields (version, ids, name, description,
 * created_at, objects, parent_id, volume_meta, extra_metadata) plus where the parent lives
 * ({@code parent_container}, {@code parent_service_metadata}) so a restore can walk the incremental chain
 * without the database, and the volume's size when it was backed up.
 */
public record BackupMetadata(String backupId, String volumeId, String name, String description, String createdAt,
    List<BackupObject> objects, StoredBackup parent, long volumeSizeBytes) {

  public static final String VERSION = "1.0.0";

  public BackupMetadata {
    objects = List.copyOf(objects);
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    objects.forEach(o -> list.add(o.toJson()));
    return new JsonObject()
        .put("version", VERSION)
        .put("backup_id", backupId)
        .put("volume_id", volumeId)
        .put("backup_name", name)
        .put("backup_description", description)
        .put("created_at", createdAt)
        .put("objects", list)
        .put("parent_id", parent == null ? null : parent.backupId())
        .put("parent_container", parent == null ? null : parent.container())
        .put("parent_service_metadata", parent == null ? null : parent.serviceMetadata())
        .put("volume_size_bytes", volumeSizeBytes)
        .putNull("volume_meta")
        .putNull("extra_metadata");
  }

  public static BackupMetadata fromJson(JsonObject json) {
    List<BackupObject> objects = new ArrayList<>();
    JsonArray list = json.getJsonArray("objects", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      objects.add(BackupObject.fromJson(list.getJsonObject(i)));
    }
    String parentId = json.getString("parent_id");
    StoredBackup parent = parentId == null ? null : new StoredBackup(parentId, json.getString("parent_container"),
        json.getString("parent_service_metadata"));
    Number size = json.getNumber("volume_size_bytes");
    long volumeSize = size != null ? size.longValue() : objects.stream().mapToLong(BackupObject::end).max().orElse(0);
    return new BackupMetadata(json.getString("backup_id"), json.getString("volume_id"), json.getString("backup_name"),
        json.getString("backup_description"), json.getString("created_at"), objects, parent, volumeSize);
  }
}
