package org.cinderemu.common.rpc.messages.volume;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/** The do_cleanup cast from the scheduler to a service's (or its cluster's) queue: claim and clean the {@code workers} rows of the request's service (docs/cinder-reference.md §9.2). */
public record DoCleanup(CleanupRequest cleanupRequest) implements RpcMessage {

  public static final String METHOD = "do_cleanup";
  public static final String VERSION = "3.7";

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
