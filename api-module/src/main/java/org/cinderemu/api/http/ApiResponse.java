package org.cinderemu.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status, a JSON body ({@code JsonObject}/{@code JsonArray}, or null for none) and
 * extra headers.
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, Map.of());
  }

  /** Cinder answers most state-changing calls 202 with an empty body. */
  public static ApiResponse accepted() {
    return new ApiResponse(202, null, Map.of());
  }

  public static ApiResponse accepted(Object body) {
    return new ApiResponse(202, body, Map.of());
  }

  public static ApiResponse status(int status, Object body) {
    return new ApiResponse(status, body, Map.of());
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiResponse(status, body, copy);
  }
}
