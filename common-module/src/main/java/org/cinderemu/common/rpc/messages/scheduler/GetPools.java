package org.cinderemu.common.rpc.messages.scheduler;

import io.vertx.core.json.JsonObject;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The get_pools call (captured message 03): the pools of every active backend, optionally filtered ({@code
 * filters} may be null).
 */
public record GetPools(JsonObject filters) implements RpcMessage {

  public static final String METHOD = "get_pools";
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
    return new JsonObject()
        .put("filters", filters);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static GetPools fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new GetPools(a.optionalObject("filters"));
  }
}
