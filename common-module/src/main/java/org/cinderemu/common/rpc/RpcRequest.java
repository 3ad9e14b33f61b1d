package org.cinderemu.common.rpc;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The inner request of a cast or call (docs/cinder-reference.md §3.2), keys in the order oslo produces them:
 * {@code method, args, version, [_msg_id, _reply_q, _timeout], _unique_id, _context_*}.
 */
public record RpcRequest(String method, JsonObject args, String version, String namespace, String msgId,
    String replyQueue, String uniqueId, RequestContext context) {

  public static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  public static RpcRequest cast(RequestContext ctx, String method, JsonObject args, String version) {
    return new RpcRequest(method, args, version, null, null, null, newId(), ctx);
  }

  public static RpcRequest call(RequestContext ctx, String method, JsonObject args, String version, String replyQ) {
    return new RpcRequest(method, args, version, null, newId(), replyQ, newId(), ctx);
  }

  public boolean isCall() {
    return msgId != null && replyQueue != null;
  }

  public JsonObject toInner() {
    JsonObject m = new JsonObject().put("method", method).put("args", args == null ? new JsonObject() : args);
    if (version != null) {
      m.put("version", version);
    }
    if (namespace != null) {
      m.put("namespace", namespace);
    }
    if (isCall()) {
      m.put("_msg_id", msgId).put("_reply_q", replyQueue).put("_timeout", null);
    }
    m.put("_unique_id", uniqueId);
    context.writeTo(m);
    return m;
  }

  /** Reads an inner message; a missing version means "1.0" as in oslo's dispatcher. */
  public static RpcRequest fromInner(JsonObject m) {
    Object method = m.getValue("method");
    Object args = m.getValue("args");
    Object version = m.getValue("version");
    return new RpcRequest(method instanceof String s ? s : null,
        args instanceof JsonObject a ? a : new JsonObject(),
        version instanceof String v ? v : "1.0",
        m.getValue("namespace") instanceof String ns ? ns : null,
        m.getValue("_msg_id") instanceof String id ? id : null,
        m.getValue("_reply_q") instanceof String q ? q : null,
        m.getValue("_unique_id") instanceof String u ? u : null,
        RequestContext.readFrom(m));
  }
}
