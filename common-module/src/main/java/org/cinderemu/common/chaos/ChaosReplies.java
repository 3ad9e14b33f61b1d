package org.cinderemu.common.chaos;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The answers of fault controls: JSON, and errors in Cinder's fault shape, as the API answers (docs/chaos.md). */
public final class ChaosReplies {

  private ChaosReplies() {
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(body instanceof JsonObject j ? j.encode() : io.vertx.core.json.Json.encode(body));
  }

  /** {@code {"badRequest": {"code": 400, "message": …}}}. */
  public static void badRequest(RoutingContext ctx, String message) {
    fault(ctx, 400, "badRequest", message);
  }

  /** {@code {"itemNotFound": {"code": 404, "message": …}}}. */
  public static void notFound(RoutingContext ctx, String message) {
    fault(ctx, 404, "itemNotFound", message);
  }

  /** {@code {"conflictingRequest": {"code": 409, "message": …}}}. */
  public static void conflict(RoutingContext ctx, String message) {
    fault(ctx, 409, "conflictingRequest", message);
  }

  private static void fault(RoutingContext ctx, int code, String name, String message) {
    json(ctx, code, new JsonObject().put(name, new JsonObject().put("code", code).put("message", message)));
  }

  /** The request body as a JSON object; an empty body is {@code {}}; anything else is refused with 400. */
  public static JsonObject bodyObject(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the body is not a JSON object: " + e.getMessage());
    }
  }
}
