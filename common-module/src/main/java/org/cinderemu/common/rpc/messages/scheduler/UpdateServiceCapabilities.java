package org.cinderemu.common.rpc.messages.scheduler;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/**
 * The periodic capability report of a volume or backup service, fanned out to every scheduler (captured
 * messages 15 and 20).
 */
public record UpdateServiceCapabilities(String serviceName, String host, JsonObject capabilities, String clusterName,
    String timestamp) implements RpcMessage {

  public static final String METHOD = "update_service_capabilities";
  public static final String VERSION = "3.3";

  public UpdateServiceCapabilities {
    capabilities = capabilities == null ? new JsonObject() : capabilities;
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(host, "host");
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
        .put("host", host)
        .put("capabilities", capabilities)
        .put("cluster_name", clusterName)
        .put("timestamp", timestamp);
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static UpdateServiceCapabilities fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new UpdateServiceCapabilities(a.string("service_name"), a.string("host"),
        a.optionalObject("capabilities"), a.optionalString("cluster_name"), a.optionalString("timestamp"));
  }
}
