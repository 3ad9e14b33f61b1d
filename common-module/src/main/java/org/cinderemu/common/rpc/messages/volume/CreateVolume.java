package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The create_volume cast to the chosen backend (captured messages 02 and 19): create the volume, or
 * reschedule when allowed and {@code filterProperties} carries a retry. {@code allow_reschedule} defaults
 * to true, as in Cinder's manager.
 */
public record CreateVolume(JsonObject requestSpec, JsonObject filterProperties, boolean allowReschedule,
    Volume volume) implements RpcMessage {

  public static final String METHOD = "create_volume";
  public static final String VERSION = "3.0";

  public CreateVolume {
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
        .put("request_spec", requestSpec)
        .put("filter_properties", filterProperties)
        .put("allow_reschedule", allowReschedule)
        .put("volume", VersionedObjects.toPrimitive(volume));
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static CreateVolume fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new CreateVolume(a.optionalObject("request_spec"), a.optionalObject("filter_properties"),
        a.bool("allow_reschedule", true), a.volume("volume"));
  }
}
