package org.cinderemu.common.rpc.messages.scheduler;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The extend_volume cast to any scheduler: check the backend can take the new size, then cast to it. {@code
 * requestSpec} is a plain dict here, or null.
 */
public record ExtendVolume(Volume volume, int newSize, JsonArray reservations, JsonObject requestSpec,
    JsonObject filterProperties) implements RpcMessage {

  public static final String METHOD = "extend_volume";
  public static final String VERSION = "3.0";

  public ExtendVolume {
    reservations = reservations == null ? new JsonArray() : reservations;
    filterProperties = filterProperties == null ? new JsonObject() : filterProperties;
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
        .put("reservations", reservations)
        .put("request_spec", requestSpec)
        .put("filter_properties", filterProperties);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static ExtendVolume fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new ExtendVolume(a.volume("volume"), a.integer("new_size"), a.array("reservations"),
        a.optionalObject("request_spec"), a.optionalObject("filter_properties"));
  }
}
