package org.cinderemu.common.rpc;

import io.vertx.core.Future;

/** A manager's handler of one parsed RPC message: a JSON-able result (or null) out. */
@FunctionalInterface
public interface MessageHandler<T> {
  Future<?> handle(RequestContext ctx, T message);
}
