package org.cinderemu.common.rpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An exception that crosses the wire in oslo's failure format (docs/cinder-reference.md §3.6): class, module, message,
 * tb, args, kwargs. Servers fail a handler's future with one; callers get it back from {@code call}.
 */
public class RemoteError extends RuntimeException {

  public static final String CINDER = "cinder.exception";
  public static final String DISPATCHER = "oslo_messaging.rpc.dispatcher";

  private final String className;
  private final String module;
  private final JsonObject kwargs;

  public RemoteError(String className, String module, String message, JsonObject kwargs) {
    super(message);
    this.className = className;
    this.module = module;
    this.kwargs = kwargs == null ? new JsonObject() : kwargs;
  }

  /** A cinder.exception error, e.g. {@code cinder("VolumeNotFound", "Volume x could not be found.", 404)}. */
  public static RemoteError cinder(String className, String message, int code) {
    return new RemoteError(className, CINDER, message, new JsonObject().put("code", code));
  }

  public static RemoteError noSuchMethod(String method) {
    return new RemoteError("NoSuchMethod", DISPATCHER, "Endpoint does not support RPC method " + method,
        new JsonObject().put("method", method));
  }

  public static RemoteError unsupportedVersion(String version) {
    return new RemoteError("UnsupportedVersion", DISPATCHER,
        "Endpoint does not support RPC version " + version + ". Attempted method: ",
        new JsonObject().put("version", version));
  }

  /** Wraps any other failure of a handler, keeping its Java class name visible to the caller. */
  public static RemoteError wrap(Throwable t) {
    if (t instanceof RemoteError re) {
      return re;
    }
    return new RemoteError(t.getClass().getSimpleName(), "builtins", String.valueOf(t.getMessage()), null);
  }

  public String className() {
    return className;
  }

  public String module() {
    return module;
  }

  public JsonObject kwargs() {
    return kwargs;
  }

  public JsonObject toFailureJson() {
    return new JsonObject()
        .put("class", className)
        .put("module", module)
        .put("message", getMessage())
        .put("tb", new JsonArray().add("Traceback (most recent call last):\n")
            .add("  (raised by the Cinder emulator, no Python traceback)\n")
            .add(className + ": " + getMessage() + "\n"))
        .put("args", new JsonArray().add(getMessage()))
        .put("kwargs", kwargs);
  }

  public static RemoteError fromFailure(String failureJson) {
    JsonObject f = new JsonObject(failureJson);
    JsonObject kwargs = f.getValue("kwargs") instanceof JsonObject k ? k : new JsonObject();
    return new RemoteError(f.getString("class"), f.getString("module"), f.getString("message"), kwargs);
  }

  @Override
  public String toString() {
    return module + "." + className + ": " + getMessage();
  }
}
