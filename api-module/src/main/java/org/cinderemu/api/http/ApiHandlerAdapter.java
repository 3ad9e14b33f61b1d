package org.cinderemu.api.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cinderemu.api.ApiConfig;

/**
 * Runs an {@link ApiHandler} inside a route: decodes the body the way Cinder's wsgi.Resource does, calls the
 * handler, writes its {@link ApiResponse} or hands failures to
 * {@link FaultHandler}.
 */
public final class ApiHandlerAdapter implements Handler<RoutingContext> {

  private static final Set<String> JSON_TYPES =
      Set.of("application/json", "application/vnd.openstack.volume+json");

  private final ApiHandler handler;
  private final ApiConfig config;

  public ApiHandlerAdapter(ApiHandler handler, ApiConfig config) {
    this.handler = handler;
    this.config = config;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Future<ApiResponse> result;
    try {
      Object body = decodeBody(ctx);
      ApiContext context = RequestData.apiContext(ctx, config.useForwardedFor());
      result = handler.handle(new ApiRequest(ctx, context, config, body));
      if (result == null) {
        throw new IllegalStateException("handler returned no future");
      }
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        write(ctx, ar.result());
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  // Cinder only reads bodies of POST and PUT, and only JSON ones
  private static Object decodeBody(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (!(method.equals(HttpMethod.POST) || method.equals(HttpMethod.PUT))) {
      return null;
    }
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      return null;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null) {
      String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (!JSON_TYPES.contains(mime)) {
        throw ApiException.badRequest("Unsupported Content-Type");
      }
    }
    try {
      return wrap(Json.decodeValue(buffer));
    } catch (DecodeException e) {
      throw ApiException.badRequest("Malformed request body");
    }
  }

  @SuppressWarnings("unchecked")
  private static Object wrap(Object decoded) {
    if (decoded instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    if (decoded instanceof List<?> list) {
      return new JsonArray(list);
    }
    return decoded;
  }

  private static void write(RoutingContext ctx, ApiResponse response) {
    HttpServerResponse resp = ctx.response();
    if (resp.ended()) {
      return;
    }
    resp.setStatusCode(response.status());
    response.headers().forEach(resp::putHeader);
    if (response.body() == null) {
      resp.end();
      return;
    }
    resp.putHeader("Content-Type", "application/json");
    resp.end(Json.encode(response.body()));
  }
}
