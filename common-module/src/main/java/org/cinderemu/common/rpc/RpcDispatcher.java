package org.cinderemu.common.rpc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * oslo's RPCDispatcher for one endpoint (a manager): namespace and version checks, then the method
 * by name. Names starting with '_' are never callable (DefaultRPCAccessPolicy).
 */
public final class RpcDispatcher {

  private final String version;
  private final Map<String, RpcHandler> methods = new ConcurrentHashMap<>();

  public RpcDispatcher(String version) {
    this.version = version;
  }

  public String version() {
    return version;
  }

  public RpcDispatcher register(String method, RpcHandler handler) {
    methods.put(method, handler);
    return this;
  }

  /**
   * A method whose arguments are parsed into a message record first; a parser's
   * {@link MalformedRpcArguments} fails the dispatch before the handler runs.
   */
  public <T> RpcDispatcher register(String method, Function<JsonObject, T> parser, MessageHandler<T> handler) {
    return register(method, (ctx, args) -> handler.handle(ctx, parser.apply(args)));
  }

  public Future<?> dispatch(RpcRequest request) {
    if (request.namespace() != null || !VersionCheck.isCompatible(version, request.version())) {
      return Future.failedFuture(RemoteError.unsupportedVersion(request.version()));
    }
    String method = request.method();
    RpcHandler handler = method == null || method.startsWith("_") ? null : methods.get(method);
    if (handler == null) {
      return Future.failedFuture(RemoteError.noSuchMethod(method));
    }
    try {
      Future<?> result = handler.handle(request.context(), request.args());
      return result == null ? Future.succeededFuture() : result;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
