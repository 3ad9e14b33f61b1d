package org.cinderemu.common.rpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An RPC message whose arguments are missing or of the wrong type, e.g. {@code create_volume: argument
 * 'volume' must be an object, got string}. It crosses the wire as the {@code TypeError} a Python
 * endpoint raises for a bad keyword argument (docs/cinder-reference.md §3.6), so an oslo caller gets a
 * builtin exception back.
 */
public final class MalformedRpcArguments extends RemoteError {

  public MalformedRpcArguments(String message) {
    super("TypeError", "builtins", message, null);
  }

  public static MalformedRpcArguments missing(String method, String argument) {
    return new MalformedRpcArguments(method + ": argument '" + argument + "' is missing");
  }

  public static MalformedRpcArguments wrongType(String method, String argument, String expected, Object got) {
    return new MalformedRpcArguments(method + ": argument '" + argument + "' must be " + expected + ", got "
        + jsonType(got));
  }

  public static MalformedRpcArguments invalid(String method, String argument, String what, String why) {
    return new MalformedRpcArguments(method + ": argument '" + argument + "' is not a valid " + what + ": " + why);
  }

  /** The JSON type name of a decoded value, as an error message shows it. */
  public static String jsonType(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "object";
    }
    if (value instanceof JsonArray) {
      return "array";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return "number";
    }
    return "string";
  }
}
