package org.cinderemu.api.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is checked before the router sees a request, because the router cannot answer it: an HTTP/1.x request
 * without a usable {@code Host} (Vert.x's router fails those with a 500) and a URL whose percent-encoding
 * cannot be decoded. (A body the decoder gives up on is {@link BodyDecoderGuard}'s.)
 */
public final class FrontDoor implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);
  // '%' followed by anything but two hex digits
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  private final Handler<HttpServerRequest> router;

  public FrontDoor(Handler<HttpServerRequest> router) {
    this.router = router;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String refusal = refusal(req);
    if (refusal != null) {
      LOG.info("{} {} refused before routing: {}", req.method(), req.uri(), refusal);
      answer(req.response(), refusal);
      return;
    }
    router.handle(req);
  }

  /** Why the request cannot be routed, or null. */
  static String refusal(HttpServerRequest req) {
    if (req.version() != HttpVersion.HTTP_2 && req.authority() == null) {
      return req.getHeader("Host") == null ? "Missing Host header" : "Malformed Host header";
    }
    String uri = req.uri();
    if (uri == null || BAD_ESCAPE.matcher(uri).find()) {
      return "Malformed request url";
    }
    return null;
  }

  private static void answer(HttpServerResponse resp, String message) {
    String id = RequestIdHandler.newRequestId();
    resp.setStatusCode(400)
        .putHeader("Content-Type", "application/json")
        .putHeader(RequestIdHandler.RESPONSE_HEADER, id)
        .putHeader("x-compute-request-id", id)
        .putHeader("Connection", "close")
        .end(new Fault(400, message, OptionalInt.empty()).toJson().encode());
  }
}
