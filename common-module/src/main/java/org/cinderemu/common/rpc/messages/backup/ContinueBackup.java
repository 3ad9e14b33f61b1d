package org.cinderemu.common.rpc.messages.backup;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The volume service's answer to get_backup_device (captured message 08): the backup and a BackupDeviceInfo
 * naming the volume to read.
 */
public record ContinueBackup(Backup backup, Volume volume, boolean secureEnabled) implements RpcMessage {

  public static final String METHOD = "continue_backup";
  public static final String VERSION = "2.0";
  private static final String DEVICE = "BackupDeviceInfo";

  public ContinueBackup {
    Objects.requireNonNull(backup, "backup");
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
        .put("backup", VersionedObjects.toPrimitive(backup))
        .put("backup_device", backupDevice());
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static ContinueBackup fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    // the device's own fields are named as arguments of continue_backup: one error format for all
    RpcArgs device = RpcArgs.of(METHOD, a.decode("backup_device", DEVICE, p -> VersionedObjects.data(p, DEVICE)));
    return new ContinueBackup(a.backup("backup"), device.volume("volume"), device.bool("secure_enabled", false));
  }

  /** The BackupDeviceInfo 1.0 primitive (captured message 08): the volume itself, no snapshot. */
  private JsonObject backupDevice() {
    JsonObject data = new JsonObject()
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("secure_enabled", secureEnabled);
    return VersionedObjects.primitive(DEVICE, "1.0", data, List.of("volume", "secure_enabled"));
  }
}
