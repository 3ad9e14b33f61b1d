package org.cinderemu.common.rpc.messages.scheduler;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/** The do_cleanup cast to any scheduler: clean a scheduler service's {@code workers} rows (volume {@code creating} → {@code error}). */
public record DoCleanup(CleanupRequest cleanupRequest) implements RpcMessage {

  public static final String METHOD = "do_cleanup";
  public static final String VERSION = "3.4";

  public DoCleanup {
    Objects.requireNonNull(cleanupRequest, "cleanupRequest");
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
    return new JsonObject().put("cleanup_request", cleanupRequest.toPrimitive());
  }

  /** @throws org.cinderemu.common.rpc.MalformedRpcArguments for a missing or mistyped argument */
  public static DoCleanup fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new DoCleanup(a.decode("cleanup_request", CleanupRequest.NAME, CleanupRequest::fromPrimitive));
  }
}
