package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The remove_export call or cast (captured message 12): stop exporting the volume.
 */
public record RemoveExport(String volumeId) implements RpcMessage {

  public static final String METHOD = "remove_export";
  public static final String VERSION = "3.0";

  public RemoveExport {
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
        .put("volume_id", volumeId);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static RemoveExport fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new RemoveExport(a.string("volume_id"));
  }
}
