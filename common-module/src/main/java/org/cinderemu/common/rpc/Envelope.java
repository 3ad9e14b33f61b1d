package org.cinderemu.common.rpc;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * oslo.messaging's 2.0 envelope (docs/cinder-reference.md §3.1): the inner message is JSON-encoded a second time into
 * the string {@code oslo.message}. A dict without both keys is a bare 1.0 message.
 */
public final class Envelope {

  public static final String VERSION_KEY = "oslo.version";
  public static final String MESSAGE_KEY = "oslo.message";

  private Envelope() {
  }

  public static Buffer encode(JsonObject inner) {
    JsonObject outer = new JsonObject().put(VERSION_KEY, "2.0").put(MESSAGE_KEY, inner.encode());
    return outer.toBuffer();
  }

  /** @throws MalformedMessageException when the body is not a JSON object or the inner string is not one */
  public static JsonObject decode(Buffer body) {
    JsonObject outer;
    try {
      outer = new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new MalformedMessageException("body is not a JSON object: " + e.getMessage());
    }
    if (!outer.containsKey(VERSION_KEY) || !outer.containsKey(MESSAGE_KEY)) {
      return outer;
    }
    if (!"2.0".equals(outer.getValue(VERSION_KEY))) {
      throw new MalformedMessageException("unsupported envelope version " + outer.getValue(VERSION_KEY));
    }
    Object inner = outer.getValue(MESSAGE_KEY);
    if (!(inner instanceof String s)) {
      throw new MalformedMessageException("oslo.message is not a string");
    }
    try {
      return new JsonObject(s);
    } catch (DecodeException | ClassCastException e) {
      throw new MalformedMessageException("oslo.message is not a JSON object: " + e.getMessage());
    }
  }

  /** A delivery that cannot be read as an oslo message. */
  public static final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
      super(message);
    }
  }
}
