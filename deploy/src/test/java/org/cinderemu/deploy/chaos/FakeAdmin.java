package org.cinderemu.deploy.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An admin endpoint's {@code /chaos/rules} with the answers docs/chaos.md gives, in memory: POST adds ({@code
 * {"rule": R}}; 400 in Cinder's fault body when {@link #refuse} is set), GET lists ({@code {"rules": […]}}), DELETE
 * clears (answering the rules removed) or removes one ({@code {"rule": R}}, 404 {@code itemNotFound}).
 */
final class FakeAdmin implements AutoCloseable {

  private static final AtomicInteger IDS = new AtomicInteger();

  final List<JsonObject> rules = new ArrayList<>();
  final List<String> requests = new ArrayList<>();
  volatile String refuse;
  private final HttpServer server;

  FakeAdmin() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/chaos/rules", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private synchronized void handle(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = x.getRequestURI().getPath();
    requests.add(x.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body)
        + " " + x.getProtocol());
    String id = path.startsWith("/chaos/rules/") ? path.substring("/chaos/rules/".length()) : null;
    switch (x.getRequestMethod()) {
      case "POST" -> {
        if (refuse != null) {
          answer(x, 400, new JsonObject().put("badRequest", new JsonObject().put("code", 400).put("message", refuse)));
          return;
        }
        JsonObject rule = new JsonObject(body).put("id", "r" + IDS.incrementAndGet()).put("hits", 0)
            .put("active", true);
        rules.add(rule);
        answer(x, 200, new JsonObject().put("rule", rule));
      }
      case "GET" -> answer(x, 200, new JsonObject().put("rules", new JsonArray(List.copyOf(rules))));
      case "DELETE" -> {
        if (id == null) {
          answer(x, 200, new JsonObject().put("rules", new JsonArray(List.copyOf(rules))));
          rules.clear();
          return;
        }
        JsonObject gone = rules.stream().filter(r -> r.getString("id").equals(id)).findFirst().orElse(null);
        if (gone == null) {
          answer(x, 404, new JsonObject().put("itemNotFound", new JsonObject().put("code", 404)
              .put("message", "no rule " + id)));
        } else {
          rules.remove(gone);
          answer(x, 200, new JsonObject().put("rule", gone));
        }
      }
      default -> answer(x, 405, null);
    }
  }

  private static void answer(HttpExchange x, int status, JsonObject body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.encode().getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      x.getResponseBody().write(bytes);
    }
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
