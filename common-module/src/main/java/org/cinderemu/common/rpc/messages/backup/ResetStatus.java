package org.cinderemu.common.rpc.messages.backup;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The admin's reset_status cast to the backup's host (captured message 22); a status that is not a
 * BackupStatus is refused here.
 */
public record ResetStatus(Backup backup, BackupStatus status) implements RpcMessage {

  public static final String METHOD = "reset_status";
  public static final String VERSION = "2.0";

  public ResetStatus {
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(status, "status");
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
        .put("status", status.wire());
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static ResetStatus fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new ResetStatus(a.backup("backup"), a.backupStatus("status"));
  }
}
