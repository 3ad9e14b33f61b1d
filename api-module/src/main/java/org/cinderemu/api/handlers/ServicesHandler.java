package org.cinderemu.api.handlers;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.cinderemu.api.core.ServicesApi;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.api.http.ApiRequest;
import org.cinderemu.api.http.ApiResponse;
import org.cinderemu.api.http.ApiRoutes;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.views.ServiceView;

/** {@code /os-services}: list, enable, disable, disable-log-reason, freeze, thaw (cinder/api/contrib/services.py). */
public final class ServicesHandler implements ResourceRoutes {

  private static final Set<String> NOT_EMULATED = Set.of("failover_host", "failover", "set-log", "get-log");

  private final ServicesApi services;

  public ServicesHandler(ServicesApi services) {
    this.services = services;
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.get("/os-services", this::list)
        .put("/os-services/:action", this::update);
  }

  private Future<ApiResponse> list(ApiRequest req) {
    boolean backendState = req.microversion().isAtLeast("3.49");
    return services.list(req.context(), req.queryParam("host"), req.queryParam("binary"), backendState)
        .map(entries -> ApiResponse.ok(ServiceView.list(entries, req.microversion())));
  }

  /**
   * Freeze and thaw answer 200 with no body, as Cinder's webob.Response does (a backend error in thaw is not
   * shown). From 3.26 a {@code cluster} may be named instead of the host.
   */
  private Future<ApiResponse> freezeOrThaw(ApiRequest req, boolean freeze) {
    JsonObject body = req.body() instanceof JsonObject o ? o : new JsonObject();
    String host = body.getValue("host") instanceof String h && !h.isEmpty() ? h : null;
    String cluster = req.microversion().isAtLeast("3.26") && body.getValue("cluster") instanceof String c
        && !c.isEmpty() ? c : null;
    if ((host == null) == (cluster == null)) {
      throw ApiException.invalidInput(req.microversion().isAtLeast("3.26")
          ? "One and only one of cluster and host must be set." : "Missing required element 'host' in request body.");
    }
    return services.setFrozen(req.context(), host, cluster, freeze)
        .map(ok -> ApiResponse.ok(null));
  }

  private Future<ApiResponse> update(ApiRequest req) {
    String action = req.pathParam("action");
    if (NOT_EMULATED.contains(action)) {
      throw ApiException.notImplemented("os-services action " + action + " is not supported by the emulator.");
    }
    if (action.equals("freeze") || action.equals("thaw")) {
      return freezeOrThaw(req, action.equals("freeze"));
    }
    if (!Set.of("enable", "disable", "disable-log-reason").contains(action)) {
      throw ApiException.invalidInput("Unknown action");
    }
    JsonObject body = req.body() instanceof JsonObject o ? o : new JsonObject();
    String host = body.getValue("host") instanceof String h ? h : null;
    if (host == null || host.isEmpty()) {
      throw ApiException.invalidInput("Missing required element 'host' in request body.");
    }
    String reason = null;
    if (action.equals("disable-log-reason")) {
      reason = body.getValue("disabled_reason") instanceof String r ? r : null;
      if (reason == null || reason.isBlank() || reason.length() > 255) {
        throw ApiException.badRequest("Disabled reason contains invalid characters or is too long");
      }
    }
    // the deprecated "service" key still works; "binary" wins
    String serviceKey = body.getValue("service") instanceof String s ? s : "";
    String binary = body.getValue("binary") instanceof String b ? b : "";
    String binaryKey = binary.isEmpty() ? serviceKey : binary;
    if (binaryKey.isEmpty()) {
      throw ApiException.badRequest("The server could not comply with the request since it is either malformed "
          + "or otherwise incorrect.");
    }
    boolean disabled = !action.equals("enable");
    boolean setReason = !action.equals("disable");
    String finalReason = reason;
    return services.setDisabled(host, binaryKey, disabled, setReason, disabled ? reason : null)
        .map(s -> ApiResponse.ok(ServiceView.updated(action, host, serviceKey, binary, finalReason)));
  }
}
