package org.cinderemu.volume.data;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.cinderemu.common.data.DataConnectionInfo;
import org.cinderemu.common.data.DataProtocol;
import org.cinderemu.common.http.HttpServerLimits;
import org.cinderemu.common.http.UnreadBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volume service's data endpoint: lends exported volumes' bytes to other processes over HTTP
 * ({@code GET|PUT|HEAD /volumes/<id>}, see {@link DataProtocol}) so that a backup service on another machine can
 * copy them. Every request needs a live token from {@link #initializeConnection}: 403 without one,
 * 404 for a volume without data, 416 for a range outside the volume. A refused request's body is never read
 * ({@link UnreadBody}); connections and requests are bounded in time by {@link HttpServerLimits}.
 */
public final class VolumeDataServer {

  private static final Logger LOG = LoggerFactory.getLogger(VolumeDataServer.class);

  private final Vertx vertx;
  private final VolumeDataStore store;
  private final String bindHost;
  private final int port;
  private final String advertisedHost;
  private final HttpServerLimits limits;
  private final ExportTokens tokens;
  private volatile HttpServer server;

  /** Advertises {@code bindHost}, or 127.0.0.1 for a wildcard bind (pass {@code my_ip} to the other constructor). */
  public VolumeDataServer(Vertx vertx, VolumeDataStore store, String bindHost, int port) {
    this(vertx, store, bindHost, port, null);
  }

  /** Default {@link HttpServerLimits} and {@link ExportTokens}. */
  public VolumeDataServer(Vertx vertx, VolumeDataStore store, String bindHost, int port, String advertisedHost) {
    this(vertx, store, bindHost, port, advertisedHost, HttpServerLimits.DEFAULTS, new ExportTokens());
  }

  /**
   * @param port 0 for an ephemeral port, see {@link #actualPort()}
   * @param advertisedHost the host other machines reach this endpoint by (Cinder's {@code my_ip}); null = derived
   */
  public VolumeDataServer(Vertx vertx, VolumeDataStore store, String bindHost, int port, String advertisedHost,
      HttpServerLimits limits, ExportTokens tokens) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.store = Objects.requireNonNull(store, "store");
    this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
    this.port = port;
    this.advertisedHost = advertisedHost != null ? advertisedHost
        : ("0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? "127.0.0.1" : bindHost);
  }

  public Future<VolumeDataServer> start() {
    return vertx.createHttpServer(limits.serverOptions().setHost(bindHost).setPort(port))
        .requestHandler(router())
        .listen()
        .map(s -> {
          server = s;
          LOG.info("volume data endpoint listening on {}:{} (advertised as {})", bindHost, s.actualPort(),
              advertisedHost);
          return this;
        });
  }

  // the router only frames handle(): body discarding after early answers and the request timeout (a 503)
  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.addEndHandler(UnreadBody.afterResponse(vertx, ctx.request()));
      ctx.next();
    });
    if (limits.hasRequestTimeout()) {
      router.route().handler(TimeoutHandler.create(limits.requestTimeout().toMillis(), 503));
    }
    router.route().handler(ctx -> handle(ctx.request()));
    router.route().failureHandler(this::failed);
    return router;
  }

  private void failed(RoutingContext ctx) {
    if (ctx.failure() != null) {
      fail(ctx.request(), ctx.failure());
    } else if (ctx.statusCode() == 503) {
      respond(ctx.request(), 503, "request not answered within " + limits.requestTimeout().toSeconds() + " s");
    } else {
      respond(ctx.request(), ctx.statusCode(), "request failed");
    }
  }

  public Future<Void> stop() {
    HttpServer s = server;
    server = null;
    return s == null ? Future.succeededFuture() : s.close();
  }

  /** The bound port (the ephemeral one when started with port 0); -1 before {@link #start()}. */
  public int actualPort() {
    HttpServer s = server;
    return s == null ? -1 : s.actualPort();
  }

  public VolumeDataStore store() {
    return store;
  }

  public String urlOf(String volumeId) {
    String host = advertisedHost.contains(":") ? "[" + advertisedHost + "]" : advertisedHost;
    return "http://" + host + ":" + actualPort() + DataProtocol.PATH_PREFIX + DataProtocol.requireValidVolumeId(volumeId);
  }

  /**
   * Grants access to a volume's bytes: a new random token per attachment.
   *
   * @param owner who attaches (e.g. the connector's {@code host}), for {@link #terminateConnection}; may be null
   */
  public String export(String volumeId, String owner) {
    return tokens.export(DataProtocol.requireValidVolumeId(volumeId), owner);
  }

  /** The attachments this endpoint honours. */
  public ExportTokens tokens() {
    return tokens;
  }

  /** Revokes one token. */
  public boolean revoke(String token) {
    return tokens.revoke(token);
  }

  /** terminate_connection: revokes the tokens {@code owner} was given for the volume; returns how many. */
  public int terminateConnection(String volumeId, String owner) {
    return tokens.revoke(volumeId, owner);
  }

  /** remove_export (and delete_volume): revokes every token of the volume; returns how many. */
  public int unexport(String volumeId) {
    return tokens.unexport(volumeId);
  }

  /**
   * What the volume manager's {@code initialize_connection} returns: exports the volume under a fresh token
   * for {@code owner} (see {@link #export}) and describes how to reach it. Fails with
   * {@link NoSuchVolumeDataException} if the volume has no data.
   */
  public Future<JsonObject> initializeConnection(String volumeId, String owner) {
    return store.size(volumeId).map(size -> connectionInfo(volumeId, export(volumeId, owner), size));
  }

  /** {@link #initializeConnection(String, String)} without an owner. */
  public Future<JsonObject> initializeConnection(String volumeId) {
    return initializeConnection(volumeId, null);
  }

  /** The Cinder-shaped connection info for an already issued token. */
  public JsonObject connectionInfo(String volumeId, String token, long sizeBytes) {
    if (actualPort() < 0) {
      throw new IllegalStateException("volume data endpoint not started");
    }
    return new DataConnectionInfo(urlOf(volumeId), token, volumeId, sizeBytes, "rw").toJson();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    String volumeId = path.startsWith(DataProtocol.PATH_PREFIX) ? path.substring(DataProtocol.PATH_PREFIX.length()) : "";
    if (!DataProtocol.isValidVolumeId(volumeId)) {
      respond(req, 404, "no such resource " + path);
      return;
    }
    Optional<String> granted = tokens.volumeOf(req.getHeader(DataProtocol.TOKEN_HEADER));
    if (granted.isEmpty() || !granted.get().equals(volumeId)) {
      respond(req, 403, "no live attachment token for volume " + volumeId);
      return;
    }
    try {
      switch (req.method().name()) {
        case "HEAD" -> store.size(volumeId).onComplete(ar -> {
          if (ar.failed()) {
            fail(req, ar.cause());
          } else if (unanswered(req)) {
            req.response().putHeader(DataProtocol.SIZE_HEADER, Long.toString(ar.result())).end();
          }
        });
        case "GET" -> read(req, volumeId);
        case "PUT" -> write(req, volumeId);
        default -> {
          req.response().putHeader(HttpHeaders.ALLOW, "GET, PUT, HEAD");
          respond(req, 405, "method " + req.method() + " not allowed");
        }
      }
    } catch (IllegalArgumentException e) {
      fail(req, e);
    }
  }

  private void read(HttpServerRequest req, String volumeId) {
    long offset = longParam(req, DataProtocol.OFFSET_PARAM, 0);
    long length = longParam(req, DataProtocol.LENGTH_PARAM, -1);
    if (length < 0) {
      throw new IllegalArgumentException("query parameter length is required");
    }
    if (length > DataProtocol.MAX_TRANSFER_BYTES) {
      throw new IllegalArgumentException("length " + length + " exceeds " + DataProtocol.MAX_TRANSFER_BYTES);
    }
    Optional<Path> file = store.backingFile(volumeId);
    if (file.isPresent()) {
      sendRange(req, volumeId, file.get(), offset, length);
      return;
    }
    store.read(volumeId, offset, (int) length).onComplete(ar -> {
      if (ar.failed()) {
        fail(req, ar.cause());
      } else if (unanswered(req)) {
        req.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream").end(ar.result());
      }
    });
  }

  // zero-copy from the volume file (sendfile): the range never passes through the heap or a direct buffer
  private void sendRange(HttpServerRequest req, String volumeId, Path file, long offset, long length) {
    store.size(volumeId)
        .compose(size -> {
          VolumeDataStore.checkRange(volumeId, size, offset, length);
          if (!unanswered(req)) {
            return Future.<Void>succeededFuture();
          }
          HttpServerResponse resp = req.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
          return length == 0 ? resp.end() : resp.sendFile(file.toString(), offset, length);
        })
        .onFailure(e -> fail(req, e));
  }

  private void write(HttpServerRequest req, String volumeId) {
    long offset = longParam(req, DataProtocol.OFFSET_PARAM, 0);
    String declared = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared == null) {
      respond(req, 411, "Content-Length required");
      return;
    }
    // refuse oversized bodies before buffering them
    if (Long.parseLong(declared) > DataProtocol.MAX_TRANSFER_BYTES) {
      respond(req, 413, "body of " + declared + " bytes exceeds " + DataProtocol.MAX_TRANSFER_BYTES);
      return;
    }
    Optional<Path> file = store.backingFile(volumeId);
    if (file.isPresent()) {
      receiveRange(req, volumeId, file.get(), offset, Long.parseLong(declared));
      return;
    }
    req.body()
        .compose(body -> store.write(volumeId, offset, body))
        .onSuccess(v -> respond(req, 204, null))
        .onFailure(e -> fail(req, e));
  }

  // the body goes to the volume file piece by piece as it arrives, paced by the file's write queue
  private void receiveRange(HttpServerRequest req, String volumeId, Path file, long offset, long length) {
    req.pause(); // until the range is checked and the file open: nothing may arrive unread
    store.size(volumeId)
        .compose(size -> {
          VolumeDataStore.checkRange(volumeId, size, offset, length);
          return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(false).setWrite(true)
              .setCreate(false).setTruncateExisting(false));
        })
        .compose(out -> req.pipeTo(out.setWritePos(offset)).onFailure(e -> out.close()))
        .onSuccess(v -> respond(req, 204, null))
        .onFailure(e -> fail(req, e));
  }

  private static long longParam(HttpServerRequest req, String name, long dflt) {
    String value = req.getParam(name);
    if (value == null) {
      return dflt;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < 0) {
        throw new IllegalArgumentException("query parameter " + name + " must not be negative: " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("query parameter " + name + " is not a number: " + value);
    }
  }

  private void fail(HttpServerRequest req, Throwable e) {
    int status;
    if (e instanceof NoSuchVolumeDataException) {
      status = 404;
    } else if (e instanceof VolumeDataRangeException) {
      status = 416;
    } else if (e instanceof IllegalArgumentException) {
      status = 400;
    } else {
      status = 500;
      LOG.warn("volume data request {} {} failed", req.method(), req.uri(), e);
    }
    respond(req, status, e.getMessage());
  }

  /**
   * Answers at once, also while a body is still arriving: the router's end handler then discards the rest
   * ({@link UnreadBody}), which never buffers it. Late answers (after a request timeout) are dropped.
   */
  private static void respond(HttpServerRequest req, int status, String message) {
    if (!unanswered(req)) {
      return;
    }
    HttpServerResponse resp = req.response().setStatusCode(status);
    if (message == null) {
      resp.end();
    } else {
      resp.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(message);
    }
  }

  // false once a request timeout (or a closed connection, or a range already on its way) got there first
  private static boolean unanswered(HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    return !resp.ended() && !resp.closed() && !resp.headWritten();
  }
}
