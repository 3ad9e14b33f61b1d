package org.cinderemu.common.rpc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** One RPC method of a manager: keyword arguments in, a JSON-able result (or null) out. */
@FunctionalInterface
public interface RpcHandler {
  Future<?> handle(RequestContext ctx, JsonObject args);
}
