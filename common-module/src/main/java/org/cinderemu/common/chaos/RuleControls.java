package org.cinderemu.common.chaos;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.chaos.RuleBook.RuleState;

/**
 * The {@code rules} group of the admin endpoint (docs/chaos.md "Message rules"): list, add (one rule or an array,
 * all or none), clear, show and remove one, on the process's {@link RuleBook}.
 */
final class RuleControls implements FaultControls {

  private final RuleBook book;

  RuleControls(RuleBook book) {
    this.book = book;
  }

  @Override
  public String name() {
    return "rules";
  }

  @Override
  public void mount(Router router, String base) {
    router.get(base).handler(ctx -> FaultReplies.json(ctx, 200, many(book.list())));
    router.post(base).handler(this::add);
    router.delete(base).handler(ctx -> FaultReplies.json(ctx, 200, many(book.clear())));
    router.get(base + "/:id").handler(ctx -> book.get(ctx.pathParam("id"))
        .ifPresentOrElse(r -> FaultReplies.json(ctx, 200, one(r)), () -> notFound(ctx)));
    router.delete(base + "/:id").handler(ctx -> book.remove(ctx.pathParam("id"))
        .ifPresentOrElse(r -> FaultReplies.json(ctx, 200, one(r)), () -> notFound(ctx)));
  }

  private void add(RoutingContext ctx) {
    Object body;
    try {
      Buffer raw = ctx.body().buffer();
      body = raw == null || raw.length() == 0 ? null : Json.decodeValue(raw);
    } catch (DecodeException e) {
      FaultReplies.badRequest(ctx, "the body is not JSON: " + e.getMessage());
      return;
    }
    try {
      if (body instanceof JsonObject rule) {
        FaultReplies.json(ctx, 200, one(book.add(MessageRule.fromJson(rule))));
      } else if (body instanceof JsonArray rules && !rules.isEmpty()) {
        FaultReplies.json(ctx, 200, many(book.addAll(parseAll(rules))));
      } else {
        FaultReplies.badRequest(ctx, "the body must be a message rule (a JSON object) or a non-empty array of them");
      }
    } catch (InvalidRule e) {
      FaultReplies.badRequest(ctx, "Invalid message rule: " + e.getMessage());
    }
  }

  private static List<MessageRule> parseAll(JsonArray rules) {
    List<MessageRule> parsed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (!(rules.getValue(i) instanceof JsonObject rule)) {
        throw new InvalidRule("item " + i + " is not a JSON object");
      }
      try {
        parsed.add(MessageRule.fromJson(rule));
      } catch (InvalidRule e) {
        throw new InvalidRule("item " + i + ": " + e.getMessage());
      }
    }
    return parsed;
  }

  private void notFound(RoutingContext ctx) {
    FaultReplies.notFound(ctx, "Message rule " + ctx.pathParam("id") + " could not be found.");
  }

  /** A rule as GET shows it: its id, its fields, its hits, whether it can still hit and when it expires. */
  static JsonObject toJson(RuleState s) {
    return new JsonObject().put("id", s.id()).mergeIn(s.rule().toJson())
        .put("hits", s.hits())
        .put("active", s.active())
        .put("expires_at", s.expiresAt() == null ? null : s.expiresAt().toString());
  }

  private static JsonObject one(RuleState s) {
    return new JsonObject().put("rule", toJson(s));
  }

  private static JsonObject many(List<RuleState> states) {
    return new JsonObject().put("rules", new JsonArray(states.stream().map(RuleControls::toJson).toList()));
  }
}
