package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import org.cinderemu.api.http.ApiHandler;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.views.VersionsView;

/**
 * {@code GET /} (300 Multiple Choices, the versions app) and {@code GET /v3/} (200): the same document, the
 * self link built from public_endpoint or the request's host.
 */
public final class VersionsHandler implements ApiHandler {

  private final int status;

  private VersionsHandler(int status) {
    this.status = status;
  }

  public static VersionsHandler root() {
    return new VersionsHandler(300);
  }

  public static VersionsHandler v3() {
    return new VersionsHandler(200);
  }

  @Override
  public Future<ApiResponse> handle(ApiRequest request) {
    String base = request.publicEndpoint().orElse(request.hostUrl());
    return Future.succeededFuture(ApiResponse.status(status, VersionsView.document(base)));
  }
}
