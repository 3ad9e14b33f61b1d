package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The terminate_connection call (captured message 11): revoke {@code connector}'s access to the volume.
 */
public record TerminateConnection(String volumeId, JsonObject connector, boolean force) implements RpcMessage {

  public static final String METHOD = "terminate_connection";
  public static final String VERSION = "3.0";

  public TerminateConnection {
    Objects.requireNonNull(volumeId, "volumeId");
    Objects.requireNonNull(connector, "connector");
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
        .put("volume_id", volumeId)
        .put("connector", connector)
        .put("force", force);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static TerminateConnection fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new TerminateConnection(a.string("volume_id"), a.object("connector"), a.bool("force", false));
  }
}
