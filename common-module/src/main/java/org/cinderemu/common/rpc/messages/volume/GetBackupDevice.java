package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The get_backup_device cast (captured message 07; a cast since 3.17): the volume service answers with
 * continue_backup.
 */
public record GetBackupDevice(Backup backup, boolean wantObjects, boolean asyncCall) implements RpcMessage {

  public static final String METHOD = "get_backup_device";
  public static final String VERSION = "3.17";

  public GetBackupDevice {
    Objects.requireNonNull(backup, "backup");
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
        .put("want_objects", wantObjects)
        .put("async_call", asyncCall);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static GetBackupDevice fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new GetBackupDevice(a.backup("backup"), a.bool("want_objects", true), a.bool("async_call", true));
  }
}
