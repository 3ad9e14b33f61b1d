package org.cinderemu.deploy.chaos.proxy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.chaos.ChaosException;

/**
 * The chaos proxy's control API for the CLI and the experiment runner (blocking: not for an event loop). A
 * refusal throws {@link ProxyException} with the server's message.
 */
public final class ProxyClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT).build();

  public ProxyClient(String controlUrl) {
    this.base = controlUrl.replaceAll("/+$", "");
  }

  /** The proxy of the stack in {@code state} (`up --chaos-proxy`), by the control URL it recorded. */
  public static ProxyClient forStack(StateDir state) {
    Path file = ProxyServerCommand.controlFile(state);
    try {
      return new ProxyClient(Files.readString(file).strip());
    } catch (IOException e) {
      throw new ChaosException("the stack in " + state + " runs without the chaos proxy (no " + file
          + "): start it with `cinder-emu up --chaos-proxy`");
    }
  }

  /** A refusal or an unreachable control API. */
  public static final class ProxyException extends LaunchException {
    public ProxyException(String message) {
      super(message);
    }
  }

  /** Every proxy by name, as {@code GET /proxies} answers. */
  public JsonObject proxies() {
    return new JsonObject(send("GET", "/proxies", null));
  }

  public JsonObject proxy(String name) {
    return new JsonObject(send("GET", "/proxies/" + enc(name), null));
  }

  /** Adds {@code toxic} ({@code {"type", "stream", "attributes", …}}); returns it as the server stored it. */
  public JsonObject addToxic(String proxy, JsonObject toxic) {
    return new JsonObject(send("POST", "/proxies/" + enc(proxy) + "/toxics", toxic));
  }

  public JsonArray toxics(String proxy) {
    return new JsonArray(send("GET", "/proxies/" + enc(proxy) + "/toxics", null));
  }

  public void removeToxic(String proxy, String toxic) {
    send("DELETE", "/proxies/" + enc(proxy) + "/toxics/" + enc(toxic), null);
  }

  /** Begins ({@code on}) or ends a partition; {@code drop} resets the connections too. */
  public JsonObject partition(String proxy, boolean on, boolean drop) {
    return new JsonObject(send("POST", "/proxies/" + enc(proxy) + "/partition",
        new JsonObject().put("enabled", on).put("drop_connections", drop)));
  }

  public JsonObject setEnabled(String proxy, boolean enabled) {
    return new JsonObject(send("POST", "/proxies/" + enc(proxy), new JsonObject().put("enabled", enabled)));
  }

  /** Every proxy enabled, without toxics or partition. */
  public void reset() {
    send("POST", "/reset", null);
  }

  private String send(String method, String path, JsonObject body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()))
        .build();
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ProxyException("the chaos proxy at " + base + " does not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProxyException("interrupted talking to the chaos proxy");
    }
    if (r.statusCode() >= 300) {
      throw new ProxyException(method + " " + path + ": " + r.statusCode() + " " + faultMessage(r.body()));
    }
    return r.body().isEmpty() ? "{}" : r.body();
  }

  private static String faultMessage(String body) {
    try {
      JsonObject fault = new JsonObject(body);
      return fault.fieldNames().stream().findFirst().map(fault::getJsonObject).map(f -> f.getString("message"))
          .orElse(body);
    } catch (RuntimeException notJson) {
      return body;
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
