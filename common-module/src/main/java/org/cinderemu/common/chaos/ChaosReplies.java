package org.cinderemu.common.chaos;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers of the fault-control routes: JSON bodies, and bad input in Cinder's fault format (docs/chaos.md). */
public final class ChaosReplies {

  private ChaosReplies() {
  }

  /** A fault body that is not what a group accepts; its message is what the client sees. */
  public static final class BadFault extends RuntimeException {
    public BadFault(String message) {
      super(message);
    }
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** {@code {"badRequest": {"code": 400, "message": ...}}}, as the API answers bad input. */
  public static void badRequest(RoutingContext ctx, String message) {
    json(ctx, 400, new JsonObject().put("badRequest", new JsonObject().put("code", 400).put("message", message)));
  }

  public static void notFound(RoutingContext ctx, String message) {
    json(ctx, 404, new JsonObject().put("itemNotFound", new JsonObject().put("code", 404).put("message", message)));
  }

  /** The request's body as a JSON object; an empty body is an empty object. */
  public static JsonObject body(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new BadFault("the body is not a JSON object");
    }
  }
}
