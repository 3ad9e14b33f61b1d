package org.cinderemu.common.rpc.messages.scheduler;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.rpc.RpcMessage;
import org.cinderemu.common.rpc.messages.RpcArgs;

/** The work_cleanup call from the API's {@code POST /workers/cleanup}: the scheduler picks the services and answers the two lists, cleaning and unavailable (docs/cinder-reference.md §9.2). */
public record WorkCleanup(CleanupRequest cleanupRequest) implements RpcMessage {

  public static final String METHOD = "work_cleanup";
  public static final String VERSION = "3.4";

  public WorkCleanup {
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
  public static WorkCleanup fromArgs(JsonObject args) {
    RpcArgs a = RpcArgs.of(METHOD, args);
    return new WorkCleanup(a.decode("cleanup_request", CleanupRequest.NAME, CleanupRequest::fromPrimitive));
  }
}
