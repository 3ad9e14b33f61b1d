package org.cinderemu.deploy.chaos;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.cinderemu.deploy.LaunchException;

/**
 * One child's admin endpoint, as {@code run/<child>.admin} names it, spoken to over HTTP/1.1 (the JDK client's
 * h2c upgrade is not what the endpoint is for) with a connect and a request timeout: a frozen child answers
 * nothing, and the command must still end.
 */
public record AdminEndpoint(String child, URI base, HttpClient http) {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  /** The client every endpoint shares. */
  static HttpClient newClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** A response: its status and body, parsed as JSON when there is one. */
  public record Response(int status, String body) {
    public boolean ok() {
      return status / 100 == 2;
    }

    /** The body as JSON ({@code null} when empty); a body that is not JSON is the endpoint's fault. */
    public Object json() {
      if (body.isBlank()) {
        return null;
      }
      try {
        return Json.decodeValue(body);
      } catch (DecodeException e) {
        throw new LaunchException("not JSON from the admin endpoint: " + abbreviated(body));
      }
    }

    /** Cinder's fault body's message ({@code {"badRequest": {"code": 400, "message": "…"}}}), else the body. */
    String errorMessage() {
      try {
        Object json = Json.decodeValue(body);
        if (json instanceof JsonObject o && o.size() == 1 && o.getValue(o.fieldNames().iterator().next())
            instanceof JsonObject fault && fault.getString("message") != null) {
          return fault.getString("message");
        }
      } catch (DecodeException | ClassCastException notAFault) {
        // fall through to the raw body
      }
      return body.isBlank() ? "(no body)" : abbreviated(body);
    }
  }

  /** Sends one request; a connection refused or timed out is an operator error naming the child. */
  public Response send(String method, String path, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (HttpTimeoutException e) {
      throw new LaunchException(child + "'s admin endpoint " + base + " did not answer " + method + " " + path
          + " within " + REQUEST_TIMEOUT.toSeconds() + " s (frozen?)", e);
    } catch (IOException e) {
      throw new LaunchException(child + "'s admin endpoint " + base + " is not reachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException("interrupted while talking to " + child, e);
    }
  }

  /** Like {@link #send}, and a status other than 2xx fails with the endpoint's own message. */
  public Response expectOk(String method, String path, JsonObject body) {
    Response r = send(method, path, body);
    if (!r.ok()) {
      throw new LaunchException(child + ": " + method + " " + path + " answered " + r.status() + ": "
          + r.errorMessage());
    }
    return r;
  }

  private static String abbreviated(String body) {
    String s = body.strip();
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
