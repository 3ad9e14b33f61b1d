package org.cinderemu.common.rpc;

import io.vertx.core.json.JsonObject;

/**
 * One AMQP publish as the interceptor chain sees it: where it goes, the inner oslo message and,
 * for calls, the {@code expiration} in milliseconds.
 */
public record OutgoingMessage(String exchange, String routingKey, JsonObject inner, Long expirationMs, Kind kind) {

  /** What kind of send this is (docs/cinder-reference.md §2.4). */
  public enum Kind { CAST, CALL, FANOUT, REPLY }

  public String method() {
    return inner.getString("method");
  }
}
