package org.cinderemu.common.rpc;

import io.vertx.core.json.JsonObject;

/**
 * One RPC message of Cinder's contract (a record in {@code rpc.messages}): its method, the version the
 * caller pins it to, and its keyword arguments in the order a real Cinder sends them.
 */
public interface RpcMessage {

  String method();

  /** The version of the target the message is sent with (oslo's {@code prepare(version=...)}). */
  String version();

  /** The oslo {@code args} dict. */
  JsonObject toArgs();
}
