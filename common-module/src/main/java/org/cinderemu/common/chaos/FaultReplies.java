package org.cinderemu.common.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers of the fault controls, errors in Cinder's fault shape as the API gives them (docs/chaos.md). */
public final class FaultReplies {

  private FaultReplies() {
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  public static void json(RoutingContext ctx, int status, JsonArray body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
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

  /** The request body as a JSON object; an empty body is {@code {}}; anything else throws IllegalArgumentException. */
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

  /** {@code {"computeFault": {"code": 500, "message": …}}}: a fault that could not start. */
  public static void serverError(RoutingContext ctx, String message) {
    fault(ctx, 500, "computeFault", message);
  }

  private static void fault(RoutingContext ctx, int code, String kind, String message) {
    json(ctx, code, new JsonObject().put(kind, new JsonObject().put("code", code).put("message", message)));
  }
}
