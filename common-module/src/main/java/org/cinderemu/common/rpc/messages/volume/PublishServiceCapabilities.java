package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.rpc.RpcMessage;

/**
 * The fanout asking every volume service for a capability report (captured message 21).
 */
public record PublishServiceCapabilities() implements RpcMessage {

  public static final String METHOD = "publish_service_capabilities";
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

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static PublishServiceCapabilities fromArgs(JsonObject args) {
    return new PublishServiceCapabilities();
  }
}
