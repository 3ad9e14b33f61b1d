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
 * An admin endpoint's {@code /chaos/rules} as docs/chaos.md describes it, in memory: POST adds (400 in Cinder's
 * fault body when {@link #refuse} is set), GET lists with hits, DELETE clears or removes one (404 if unknown).
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
        JsonObject rule = new JsonObject(body).put("id", "r" + IDS.incrementAndGet()).put("hits", 0);
        rules.add(rule);
        answer(x, 201, rule);
      }
      case "GET" -> answer(x, 200, new JsonObject().put("rules", new JsonArray(List.copyOf(rules))));
      case "DELETE" -> {
        if (id == null) {
          rules.clear();
          answer(x, 204, null);
        } else {
          answer(x, rules.removeIf(r -> r.getString("id").equals(id)) ? 204 : 404, null);
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
