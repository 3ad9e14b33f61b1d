package org.cinderemu.api.http;

import io.vertx.core.Future;

/**
 * One API operation. Runs on the event loop: return a future, never block. Throwing or failing the future with
 * an {@link ApiException} produces that fault; any other exception becomes a 500 computeFault.
 */
@FunctionalInterface
public interface ApiHandler {

  Future<ApiResponse> handle(ApiRequest request);
}
