package org.cinderemu.common.rpc.messages.scheduler;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * Sent after every capability fanout (captured message 16); Cinder uses it for capacity notifications, the
 * emulator ignores it.
 */
public record NotifyServiceCapabilities(String serviceName, JsonObject capabilities, String backend,
    String timestamp) implements RpcMessage {

  public static final String METHOD = "notify_service_capabilities";
  public static final String VERSION = "3.5";

  public NotifyServiceCapabilities {
    capabilities = capabilities == null ? new JsonObject() : capabilities;
    Objects.requireNonNull(serviceName, "serviceName");
  }

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
        .put("service_name", serviceName)
        .put("capabilities", capabilities)
        .put("backend", backend)
        .put("timestamp", timestamp);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static NotifyServiceCapabilities fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new NotifyServiceCapabilities(a.string("service_name"), a.optionalObject("capabilities"),
        a.optionalString("backend"), a.optionalString("timestamp"));
  }
}
