package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The delete_volume cast to the volume's backend (captured message 14).
 */
public record DeleteVolume(Volume volume, boolean unmanageOnly, boolean cascade) implements RpcMessage {

  public static final String METHOD = "delete_volume";
  public static final String VERSION = "3.0";

  public DeleteVolume {
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
        .put("volume", VersionedObjects.toPrimitive(volume))
        .put("unmanage_only", unmanageOnly)
        .put("cascade", cascade);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static DeleteVolume fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new DeleteVolume(a.volume("volume"), a.bool("unmanage_only", false), a.bool("cascade", false));
  }
}
