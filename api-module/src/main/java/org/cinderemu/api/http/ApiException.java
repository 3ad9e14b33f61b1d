package org.cinderemu.api.http;

import java.util.OptionalInt;

/**
 * An API error with the HTTP status and the message Cinder would put in its fault body. Handlers throw it (or
 * fail their future with it); {@link FaultHandler} turns it into {@code {"<faultName>": {"code", "message"}}}.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final OptionalInt retryAfterSeconds;

  public ApiException(int status, String message) {
    this(status, message, OptionalInt.empty(), null);
  }

  public ApiException(int status, String message, Throwable cause) {
    this(status, message, OptionalInt.empty(), cause);
  }

  private ApiException(int status, String message, OptionalInt retryAfterSeconds, Throwable cause) {
    // no stack trace: these are expected outcomes, not bugs, and are raised on every bad request
    super(message, cause, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** Cinder's {@code InvalidInput}: "Invalid input received: <reason>". */
  public static ApiException invalidInput(String reason) {
    return badRequest("Invalid input received: " + reason);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, message);
  }

  /** 413 without Retry-After, as Cinder's quota errors are. */
  public static ApiException overLimit(String message) {
    return new ApiException(413, message);
  }

  /** 413 with a {@code Retry-After} header and {@code retryAfter} in the body. */
  public static ApiException overLimit(String message, int retryAfterSeconds) {
    return new ApiException(413, message, OptionalInt.of(retryAfterSeconds), null);
  }

  public static ApiException notImplemented(String message) {
    return new ApiException(501, message);
  }

  public static ApiException serviceUnavailable(String message) {
    return new ApiException(503, message);
  }

  public int status() {
    return status;
  }

  public OptionalInt retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
