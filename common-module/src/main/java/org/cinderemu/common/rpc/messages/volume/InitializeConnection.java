package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The initialize_connection call (captured message 09): export the volume to {@code connector}; the reply
 * is the connection info (captured message 10).
 */
public record InitializeConnection(JsonObject connector, Volume volume) implements RpcMessage {

  public static final String METHOD = "initialize_connection";
  public static final String VERSION = "3.0";

  public InitializeConnection {
    Objects.requireNonNull(connector, "connector");
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
        .put("connector", connector)
        .put("volume", VersionedObjects.toPrimitive(volume));
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static InitializeConnection fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new InitializeConnection(a.object("connector"), a.volume("volume"));
  }
}
