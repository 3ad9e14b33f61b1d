package org.cinderemu.common.rpc.messages.backup;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.rpc.RpcMessage;

/**
 * The fanout asking every backup service for a capability report (2.2).
 */
public record PublishServiceCapabilities() implements RpcMessage {

  public static final String METHOD = "publish_service_capabilities";
  public static final String VERSION = "2.2";

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
