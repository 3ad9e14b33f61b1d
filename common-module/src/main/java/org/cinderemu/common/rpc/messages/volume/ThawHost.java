package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/** The thaw_host call from the API's os-services action to the backend's service (docs/cinder-reference.md §9.3). */
public record ThawHost() implements RpcMessage {

  public static final String METHOD = "thaw_host";
  public static final String VERSION = "3.0";

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
    return new JsonObject();
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments never: there are no arguments */
  public static ThawHost fromArgs(JsonObject args) {
    RpcArgs.of(METHOD, args);
    return new ThawHost();
  }
}
