package org.cinderemu.common.rpc;

import io.vertx.core.json.JsonObject;

/**
 * A call's reply (docs/cinder-reference.md §3.6): {@code result, failure, ending, _msg_id, _unique_id}; failure is a
 * JSON string.
 */
public record RpcReply(Object result, String failure, boolean ending, String msgId, String uniqueId) {

  public static RpcReply success(String msgId, Object result) {
    return new RpcReply(result, null, true, msgId, RpcRequest.newId());
  }

  public static RpcReply failure(String msgId, RemoteError error) {
    return new RpcReply(null, error.toFailureJson().encode(), true, msgId, RpcRequest.newId());
  }

  public JsonObject toInner() {
    return new JsonObject().put("result", result).put("failure", failure).put("ending", ending)
        .put("_msg_id", msgId).put("_unique_id", uniqueId);
  }

  public static RpcReply fromInner(JsonObject m) {
    Object failure = m.getValue("failure");
    return new RpcReply(m.getValue("result"), failure instanceof String f ? f : null,
        !Boolean.FALSE.equals(m.getValue("ending")), m.getString("_msg_id"), m.getString("_unique_id"));
  }
}
