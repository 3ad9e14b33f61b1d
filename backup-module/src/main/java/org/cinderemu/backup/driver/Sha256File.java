package org.cinderemu.backup.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <prefix>_sha256file} of a chunked backup: the sha256 of every {@code blockSize} block of the whole
 * volume at backup time (Cinder's {@code chunk_size} + {@code sha256s}). An incremental child compares its
 * blocks with its parent's list and stores only the ones that differ.
 */
public record Sha256File(String backupId, String volumeId, int blockSize, List<String> sha256s) {

  public Sha256File {
    sha256s = List.copyOf(sha256s);
  }

  public JsonObject toJson(String name, String description, String createdAt) {
    return new JsonObject()
        .put("version", BackupMetadata.VERSION)
        .put("backup_id", backupId)
        .put("volume_id", volumeId)
        .put("backup_name", name)
        .put("backup_description", description)
        .put("created_at", createdAt)
        .put("chunk_size", blockSize)
        .put("sha256s", new JsonArray(new ArrayList<>(sha256s)));
  }

  public static Sha256File fromJson(JsonObject json) {
    List<String> shas = new ArrayList<>();
    json.getJsonArray("sha256s", new JsonArray()).forEach(s -> shas.add((String) s));
    return new Sha256File(json.getString("backup_id"), json.getString("volume_id"), json.getInteger("chunk_size"),
        shas);
  }
}
