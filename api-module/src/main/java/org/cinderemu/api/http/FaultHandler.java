package org.cinderemu.api.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single place failures become Cinder fault bodies (Cinder's FaultWrapper + Fault): handler
 * {@link ApiException}s, router 404/405, body-size 413, and anything unexpected as a 500 computeFault whose
 * stack trace goes to the log, never to the client.
 */
public final class FaultHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FaultHandler.class);

  private final long maxRequestBodySize;

  public FaultHandler(long maxRequestBodySize) {
    this.maxRequestBodySize = maxRequestBodySize;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse resp = ctx.response();
    String target = ctx.request().method() + " " + ctx.request().uri();
    if (resp.ended() || ctx.failure() instanceof HttpClosedException) {
      // nobody to answer: the client went away, or BodyDecoderGuard answered a body it could not read
      LOG.debug("{} ended without an answer from here: {}", target, String.valueOf(ctx.failure()));
      return;
    }
    Fault fault = toFault(ctx);
    log(target, fault, ctx.failure());
    if (resp.headWritten()) {
      // part of a body is already out: nothing valid can follow, so cut the connection
      resp.reset();
      return;
    }
    resp.setStatusCode(fault.status())
        .putHeader("Content-Type", "application/json")
        .putHeader("x-compute-request-id", String.valueOf(RequestData.requestId(ctx)));
    fault.retryAfterSeconds().ifPresent(s -> resp.putHeader("Retry-After", Integer.toString(s)));
    resp.end(fault.toJson().encode());
  }

  // only the unexpected is an ERROR with its stack trace; a fault the API chose (a 501 for what the emulator
  // does not do, a 503 without a backup service) is an answer like any 4xx
  private static void log(String target, Fault fault, Throwable failure) {
    if (fault.status() >= 500 && !(failure instanceof ApiException)) {
      LOG.error("Caught error handling {}", target, failure);
    } else if (fault.status() >= 500 && fault.status() != 501) {
      LOG.warn("{} returned with HTTP {}: {}", target, fault.status(), fault.message());
      return;
    }
    LOG.info("{} returned with HTTP {}", target, fault.status());
  }

  Fault toFault(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException e) {
      return Fault.of(e);
    }
    if (failure instanceof DecodeException) {
      return new Fault(400, "Malformed request body", OptionalInt.empty());
    }
    int status = failure instanceof HttpException h ? h.getStatusCode()
        : failure == null && ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    return switch (status) {
      case 405 -> new Fault(405, "The method " + ctx.request().method() + " is not allowed for this resource.",
          OptionalInt.empty());
      case 413 -> new Fault(413, "Request is too large. Larger than max_request_body_size ("
          + maxRequestBodySize + ").", OptionalInt.empty());
      default -> Fault.withDefaultMessage(status < 400 ? 500 : status);
    };
  }
}
