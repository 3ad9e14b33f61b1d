package org.cinderemu.common.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;

/**
 * What becomes of a request body nobody reads: a server that answered early (a refused request, a 413, a
 * timeout) calls {@link #discard} once its response is out. The rest of the body is dropped as it arrives, never
 * buffered, so a keep-alive client with a small body can go on using the connection; a body larger than
 * {@link #DRAIN_CAP_BYTES}, or one still arriving after {@link #DRAIN_WINDOW}, gets its connection closed. It
 * is not closed at once: a client still sending would likely see the reset before our answer.
 */
public final class UnreadBody {

  /** Enough for any body a well-behaved client sends before it reads our answer; more is an upload we cut. */
  public static final long DRAIN_CAP_BYTES = 1 << 20;
  /** Lets a slow client finish a small body and read the answer; a drip-feed gets no longer. */
  public static final Duration DRAIN_WINDOW = Duration.ofSeconds(5);

  private UnreadBody() {
  }

  /** For vertx-web's {@code RoutingContext.addEndHandler}: {@link #discard} once the response went out. */
  public static Handler<AsyncResult<Void>> afterResponse(Vertx vertx, HttpServerRequest req) {
    return ended -> {
      if (ended.succeeded()) {
        discard(vertx, req);
      }
    };
  }

  /** Call on the request's context after its response ended; does nothing for a request already read. */
  public static void discard(Vertx vertx, HttpServerRequest req) {
    // HTTP/1.1: no Content-Length and no Transfer-Encoding means no body; its end may still be in flight, and
    // arming the close timer for it could cut the keep-alive connection the client reuses next
    if (req.isEnded() || !declaresBody(req)) {
      return;
    }
    if ("100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))) {
      // the client waits for a 100 Continue that will not come: its body is not on the way, nothing to drain
      req.connection().close();
      return;
    }
    long[] seen = {0};
    Timer window = vertx.timer(DRAIN_WINDOW.toMillis());
    window.onSuccess(v -> close(req));
    req.exceptionHandler(e -> window.cancel())
        .endHandler(v -> window.cancel())
        .handler(chunk -> {
          seen[0] += chunk.length();
          if (seen[0] > DRAIN_CAP_BYTES) {
            window.cancel();
            close(req);
          }
        })
        .resume();
  }

  public static boolean declaresBody(HttpServerRequest req) {
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    return req.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !"0".equals(length.strip()));
  }

  private static void close(HttpServerRequest req) {
    if (!req.isEnded()) {
      req.connection().close();
    }
  }
}
