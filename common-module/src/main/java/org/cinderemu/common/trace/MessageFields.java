package org.cinderemu.common.trace;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.objects.VersionedObjects;

/** What a hop row takes from an oslo inner message: the resource its arguments name. */
final class MessageFields {

  private MessageFields() {
  }

  /**
   * The backup or volume the arguments name, as an object ({@code backup}, {@code volume}) or an id
   * ({@code volume_id}, {@code backup_id}); null for messages about no one resource (capability reports).
   */
  static String resourceId(Object argsValue) {
    if (!(argsValue instanceof JsonObject args)) {
      return null;
    }
    String id = objectId(args.getValue("backup"));
    if (id == null) {
      id = objectId(args.getValue("volume"));
    }
    if (id == null) {
      id = string(args.getValue("volume_id"));
    }
    return id != null ? id : string(args.getValue("backup_id"));
  }

  private static String objectId(Object value) {
    if (value instanceof JsonObject o && o.getValue(VersionedObjects.DATA) instanceof JsonObject data) {
      return string(data.getValue("id"));
    }
    return null;
  }

  static String string(Object value) {
    return value instanceof String s ? s : null;
  }
}
