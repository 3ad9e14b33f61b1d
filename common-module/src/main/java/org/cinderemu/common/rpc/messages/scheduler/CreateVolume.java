package org.cinderemu.common.rpc.messages.scheduler;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The create_volume cast to any scheduler (captured message 01): place a new volume, then cast to the
 * chosen backend. {@code backupId} names the backup a new volume is restored from.
 */
public record CreateVolume(String snapshotId, String imageId, JsonObject requestSpec, JsonObject filterProperties,
    Volume volume, String backupId) implements RpcMessage {

  public static final String METHOD = "create_volume";
  public static final String VERSION = "3.0";

  public CreateVolume {
    filterProperties = filterProperties == null ? new JsonObject() : filterProperties;
    Objects.requireNonNull(requestSpec, "requestSpec");
    Objects.requireNonNull(volume, "volume");
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public JsonObject toArgs() {
    return new JsonObject()
        .put("snapshot_id", snapshotId)
        .put("image_id", imageId)
        .put("request_spec", requestSpec)
        .put("filter_properties", filterProperties)
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("backup_id", backupId);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static CreateVolume fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new CreateVolume(a.optionalString("snapshot_id"), a.optionalString("image_id"), a.object("request_spec"),
        a.optionalObject("filter_properties"), a.volume("volume"), a.optionalString("backup_id"));
  }
}
