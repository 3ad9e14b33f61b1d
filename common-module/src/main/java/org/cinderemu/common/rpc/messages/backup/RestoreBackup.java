package org.cinderemu.common.rpc.messages.backup;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The restore_backup cast to the backup's host: write the backup into volume {@code volumeId}.
 */
public record RestoreBackup(Backup backup, String volumeId) implements RpcMessage {

  public static final String METHOD = "restore_backup";
  public static final String VERSION = "2.0";

  public RestoreBackup {
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(volumeId, "volumeId");
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
        .put("backup", VersionedObjects.toPrimitive(backup))
        .put("volume_id", volumeId);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static RestoreBackup fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new RestoreBackup(a.backup("backup"), a.string("volume_id"));
  }
}
