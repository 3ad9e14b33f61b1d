package org.cinderemu.api.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.cinderemu.api.ApiConfig;

/**
 * Registers v3 operations under both URL forms Cinder routes: {@code /v3/{project_id}<path>} (project checked
 * against the caller) and {@code /v3<path>}. Paths use Vert.x syntax ({@code /volumes/:id}); like Cinder's
 * mapper, first registered wins, so register literal paths ({@code /volumes/detail}) before parameterised ones
 * ({@code /volumes/:id}).
 */
public final class ApiRoutes {

  private final Router router;
  private final ApiConfig config;
  private final ProjectIdCheck projectIdCheck;

  public ApiRoutes(Router router, ApiConfig config) {
    this.router = router;
    this.config = config;
    this.projectIdCheck = new ProjectIdCheck(config.projectIdPattern());
  }

  public ApiRoutes get(String path, ApiHandler handler) {
    return route(HttpMethod.GET, path, handler);
  }

  public ApiRoutes post(String path, ApiHandler handler) {
    return route(HttpMethod.POST, path, handler);
  }

  public ApiRoutes put(String path, ApiHandler handler) {
    return route(HttpMethod.PUT, path, handler);
  }

  public ApiRoutes delete(String path, ApiHandler handler) {
    return route(HttpMethod.DELETE, path, handler);
  }

  public ApiRoutes route(HttpMethod method, String path, ApiHandler handler) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with '/': " + path);
    }
    ApiHandlerAdapter adapter = new ApiHandlerAdapter(handler, config);
    router.route(method, RequestUrls.V3_PREFIX + "/:" + ProjectIdCheck.PATH_PARAM + path)
        .handler(projectIdCheck)
        .handler(adapter);
    router.route(method, RequestUrls.V3_PREFIX + path).handler(adapter);
    return this;
  }
}
