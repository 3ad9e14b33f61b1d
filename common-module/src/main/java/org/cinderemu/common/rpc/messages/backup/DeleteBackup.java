package org.cinderemu.common.rpc.messages.backup;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The delete_backup cast to the backup's host (captured message 13).
 */
public record DeleteBackup(Backup backup) implements RpcMessage {

  public static final String METHOD = "delete_backup";
  public static final String VERSION = "2.0";

  public DeleteBackup {
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
        .put("backup", VersionedObjects.toPrimitive(backup));
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static DeleteBackup fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new DeleteBackup(a.backup("backup"));
  }
}
