package org.cinderemu.api.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.OptionalInt;

/** Cinder's fault body (cinder/api/openstack/wsgi.py Fault): names per status, webob's default messages. */
public record Fault(int status, String message, OptionalInt retryAfterSeconds) {

  private static final Map<Integer, String> NAMES = Map.of(
      400, "badRequest",
      401, "unauthorized",
      403, "forbidden",
      404, "itemNotFound",
      405, "badMethod",
      409, "conflictingRequest",
      413, "overLimit",
      415, "badMediaType",
      501, "notImplemented",
      503, "serviceUnavailable");

  // webob's explanations, which Cinder shows when nothing more specific was given
  private static final Map<Integer, String> DEFAULT_MESSAGES = Map.of(
      400, "The server could not comply with the request since it is either malformed or otherwise incorrect.",
      401, "This server could not verify that you are authorized to access the document you requested.",
      403, "Access was denied to this resource.",
      404, "The resource could not be found.",
      409, "There was a conflict when trying to complete your request.",
      413, "The request is larger than the server is willing or able to process.",
      500, "The server has either erred or is incapable of performing the requested operation.",
      501, "The server has not implemented the requested method.",
      503, "The server is currently unavailable. Please try again at a later time.");

  public static Fault of(ApiException e) {
    return new Fault(e.status(), e.getMessage(), e.retryAfterSeconds());
  }

  public static Fault withDefaultMessage(int status) {
    return new Fault(status, defaultMessage(status), OptionalInt.empty());
  }

  public static String name(int status) {
    return NAMES.getOrDefault(status, "computeFault");
  }

  public static String defaultMessage(int status) {
    return DEFAULT_MESSAGES.getOrDefault(status, DEFAULT_MESSAGES.get(500));
  }

  public JsonObject toJson() {
    JsonObject inner = new JsonObject().put("code", status).put("message", message);
    if ((status == 413 || status == 429) && retryAfterSeconds.isPresent()) {
      // Cinder copies the Retry-After header value, a string
      inner.put("retryAfter", Integer.toString(retryAfterSeconds.getAsInt()));
    }
    return new JsonObject().put(name(status), inner);
  }
}
