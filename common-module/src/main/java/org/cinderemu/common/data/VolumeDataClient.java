package org.cinderemu.common.data;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads and writes one attached volume's bytes through the volume service's data endpoint, using the connection
 * info {@code initialize_connection} returned. Ranges larger than {@link DataProtocol#MAX_TRANSFER_BYTES} are
 * split into sequential requests. Failures are {@link VolumeDataException}s naming the volume and the range.
 * Requests run on the context the client was created on (so it may be called from any thread).
 */
public final class VolumeDataClient {

  /** A request with no traffic for this long fails rather than hanging a backup forever. */
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 60_000;

  private final Context context;
  private final HttpClient http;
  private final boolean ownsHttp;
  private final DataConnectionInfo info;
  private final String host;
  private final int port;
  private final String path;

  /** Uses a shared {@code http} client, which {@link #close()} leaves open. */
  public VolumeDataClient(Vertx vertx, HttpClient http, DataConnectionInfo info) {
    this(vertx, http, info, false);
  }

  private VolumeDataClient(Vertx vertx, HttpClient http, DataConnectionInfo info, boolean ownsHttp) {
    this.context = vertx.getOrCreateContext();
    this.http = Objects.requireNonNull(http, "http");
    this.info = Objects.requireNonNull(info, "info");
    this.ownsHttp = ownsHttp;
    URI uri = URI.create(info.url());
    this.host = uri.getHost();
    this.port = uri.getPort() == -1 ? 80 : uri.getPort();
    this.path = uri.getRawPath();
  }

  /** A client with its own HTTP client, closed by {@link #close()}; {@code connectionInfo} as returned over RPC. */
  public static VolumeDataClient open(Vertx vertx, JsonObject connectionInfo) {
    DataConnectionInfo info = DataConnectionInfo.fromJson(connectionInfo);
    return new VolumeDataClient(vertx, vertx.createHttpClient(), info, true);
  }

  public DataConnectionInfo info() {
    return info;
  }

  public String volumeId() {
    return info.volumeId();
  }

  /** The volume's current size in bytes, asked of the server (the connection info's size may be stale). */
  public Future<Long> size() {
    return onContext(() -> exchange(HttpMethod.HEAD, "", null, "size query").compose(reply -> {
      String size = reply.response().getHeader(DataProtocol.SIZE_HEADER);
      try {
        return Future.succeededFuture(Long.parseLong(size));
      } catch (NumberFormatException | NullPointerException e) {
        return Future.failedFuture(new VolumeDataException(VolumeDataException.Reason.SERVER_ERROR,
            reply.response().statusCode(), "data endpoint answered HEAD for volume " + volumeId() + " without a valid "
            + DataProtocol.SIZE_HEADER, e));
      }
    }));
  }

  /** Exactly {@code length} bytes starting at {@code offset}. */
  public Future<Buffer> read(long offset, int length) {
    if (offset < 0 || length < 0) {
      return Future.failedFuture(new IllegalArgumentException("bad range offset=" + offset + " length=" + length));
    }
    return onContext(() -> readFrom(offset, length, Buffer.buffer(length)));
  }

  /** Writes all of {@code data} at {@code offset}. */
  public Future<Void> write(long offset, Buffer data) {
    if (offset < 0) {
      return Future.failedFuture(new IllegalArgumentException("negative offset " + offset));
    }
    return onContext(() -> writeFrom(offset, data, 0));
  }

  /** Closes the HTTP client if this client opened it. */
  public Future<Void> close() {
    return ownsHttp ? http.close() : Future.succeededFuture();
  }

  private Future<Buffer> readFrom(long offset, int remaining, Buffer into) {
    if (remaining == 0) {
      return Future.succeededFuture(into);
    }
    int n = Math.min(remaining, DataProtocol.MAX_TRANSFER_BYTES);
    String what = describe("read", offset, n);
    String query = "?" + DataProtocol.OFFSET_PARAM + "=" + offset + "&" + DataProtocol.LENGTH_PARAM + "=" + n;
    return exchange(HttpMethod.GET, query, null, what).compose(reply -> {
      Buffer part = reply.body();
      if (part.length() != n) {
        return Future.failedFuture(new VolumeDataException(VolumeDataException.Reason.SHORT_READ, 200,
            what + " on volume " + volumeId() + " returned " + part.length() + " bytes", null));
      }
      into.appendBuffer(part);
      return readFrom(offset + n, remaining - n, into);
    });
  }

  private Future<Void> writeFrom(long offset, Buffer data, int start) {
    if (start >= data.length()) {
      return Future.succeededFuture();
    }
    int end = Math.min(data.length(), start + DataProtocol.MAX_TRANSFER_BYTES);
    String what = describe("write", offset + start, end - start);
    String query = "?" + DataProtocol.OFFSET_PARAM + "=" + (offset + start);
    return exchange(HttpMethod.PUT, query, data.slice(start, end), what)
        .compose(ignored -> writeFrom(offset, data, end));
  }

  private record Reply(HttpClientResponse response, Buffer body) {
  }

  /**
   * Runs an operation on the client's context: the response body must be asked for in the same event-loop turn
   * that delivers the response, which a caller on a foreign thread cannot guarantee.
   */
  private <T> Future<T> onContext(Supplier<Future<T>> operation) {
    if (Vertx.currentContext() == context) {
      return operation.get();
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> operation.get().onComplete(promise));
    return promise.future();
  }

  /** Sends one request; a non-2xx answer becomes a {@link VolumeDataException} carrying the server's text. */
  private Future<Reply> exchange(HttpMethod method, String query, Buffer body, String what) {
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setHost(host)
        .setPort(port)
        .setURI(path + query)
        .setIdleTimeout(DEFAULT_IDLE_TIMEOUT_MS)
        .putHeader(DataProtocol.TOKEN_HEADER, info.token());
    return http.request(options)
        .compose(req -> (body == null ? req.send() : req.send(body))
            .compose(resp -> resp.body().map(bytes -> new Reply(resp, bytes))))
        .recover(e -> Future.failedFuture(new VolumeDataException(VolumeDataException.Reason.UNREACHABLE, 0,
            "data endpoint " + info.url() + " unreachable for " + what + ": " + e.getMessage(), e)))
        .compose(reply -> {
          int status = reply.response().statusCode();
          if (status / 100 == 2) {
            return Future.succeededFuture(reply);
          }
          return Future.failedFuture(VolumeDataException.forStatus(status, volumeId(), what,
              shorten(reply.body().toString())));
        });
  }

  private static String describe(String op, long offset, int length) {
    return op + " of [" + offset + ", " + (offset + length) + ")";
  }

  private static String shorten(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
