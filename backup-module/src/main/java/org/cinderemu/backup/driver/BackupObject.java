package org.cinderemu.backup.driver;

import io.vertx.core.json.JsonObject;

/**
 * One stored object of a backup, as listed in its {@code _metadata} file: the volume range it holds and how to
 * check it. {@code md5} is of the volume bytes (Cinder's field); {@code sha256} is of the object as stored
 * (after compression) so a damaged file is caught before it is even decompressed. Cinder's own metadata has no
 * sha256; such objects are checked by md5 only.
 */
public record BackupObject(String name, long offset, int length, String compression, String md5, String sha256) {

  /** Cinder's list entry shape: {@code {"<object name>": {"offset": .., "length": .., ...}}}. */
  public JsonObject toJson() {
    JsonObject fields = new JsonObject()
        .put("offset", offset)
        .put("length", length)
        .put("compression", compression)
        .put("md5", md5);
    if (sha256 != null) {
      fields.put("sha256", sha256);
    }
    return new JsonObject().put(name, fields);
  }

  public static BackupObject fromJson(JsonObject entry) {
    if (entry.size() != 1) {
      throw new IllegalArgumentException("object entry must have exactly one key: " + entry.encode());
    }
    String name = entry.fieldNames().iterator().next();
    JsonObject f = entry.getJsonObject(name);
    return new BackupObject(name, f.getLong("offset"), f.getInteger("length"), f.getString("compression"),
        f.getString("md5"), f.getString("sha256"));
  }

  public long end() {
    return offset + length;
  }
}
