package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The extend_volume cast to the volume's backend, after the scheduler checked the new size fits.
 */
public record ExtendVolume(Volume volume, int newSize, JsonArray reservations) implements RpcMessage {

  public static final String METHOD = "extend_volume";
  public static final String VERSION = "3.0";

  public ExtendVolume {
    reservations = reservations == null ? new JsonArray() : reservations;
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
        .put("new_size", newSize)
        .put("reservations", reservations);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static ExtendVolume fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new ExtendVolume(a.volume("volume"), a.integer("new_size"), a.array("reservations"));
  }
}
