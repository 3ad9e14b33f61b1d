package org.cinderemu.volume.data;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;
import org.cinderemu.common.data.DataConnectionInfo;
import org.cinderemu.common.data.DataProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volume service's data endpoint: lends exported volumes' bytes to other processes over HTTP
 * ({@code GET|PUT|HEAD /volumes/<id>}, see {@link DataProtocol}) so that a backup service on another machine can
 * copy them. Every request needs a live token from {@link #initializeConnection}: 403 without one,
 * 404 for a volume without data, 416 for a range outside the volume.
 */
public final class VolumeDataServer {

  private static final Logger LOG = LoggerFactory.getLogger(VolumeDataServer.class);

  private final Vertx vertx;
  private final VolumeDataStore store;
  private final String bindHost;
  private final int port;
  private final String advertisedHost;
  private final ExportTokens tokens = new ExportTokens();
  private volatile HttpServer server;

  /** Advertises {@code bindHost}, or 127.0.0.1 for a wildcard bind (pass {@code my_ip} to the other constructor). */
  public VolumeDataServer(Vertx vertx, VolumeDataStore store, String bindHost, int port) {
    this(vertx, store, bindHost, port, null);
  }

  /**
   * @param port 0 for an ephemeral port, see {@link #actualPort()}
   * @param advertisedHost the host other machines reach this endpoint by (Cinder's {@code my_ip}); null = derived
   */
  public VolumeDataServer(Vertx vertx, VolumeDataStore store, String bindHost, int port, String advertisedHost) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.store = Objects.requireNonNull(store, "store");
    this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
    this.port = port;
    this.advertisedHost = advertisedHost != null ? advertisedHost
        : ("0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? "127.0.0.1" : bindHost);
  }

  public Future<VolumeDataServer> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost(bindHost).setPort(port))
        .requestHandler(this::handle)
        .listen()
        .map(s -> {
          server = s;
          LOG.info("volume data endpoint listening on {}:{} (advertised as {})", bindHost, s.actualPort(),
              advertisedHost);
          return this;
        });
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
          } else {
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
    store.read(volumeId, offset, (int) length).onComplete(ar -> {
      if (ar.failed()) {
        fail(req, ar.cause());
      } else {
        req.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream").end(ar.result());
      }
    });
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
    req.body()
        .compose(body -> store.write(volumeId, offset, body))
        .onSuccess(v -> req.response().setStatusCode(204).end())
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
   * Error answers to a request with a body wait for its end: answering an HTTP/1.1 request whose body is still
   * arriving can leave the client waiting on the connection. Bodies too big to drain close the connection instead.
   * Bodyless requests are answered at once: waiting on their end event raced with it (a rare hang seen in CI).
   */
  private static void respond(HttpServerRequest req, int status, String message) {
    if (req.response().ended() || req.response().closed()) {
      return;
    }
    if (status == 413) {
      req.response().putHeader(HttpHeaders.CONNECTION, "close");
      send(req, status, message).onComplete(ar -> req.connection().close());
    } else if (req.isEnded() || !hasBody(req)) {
      send(req, status, message);
    } else {
      req.body().onComplete(ar -> send(req, status, message)); // the unread body is discarded
    }
  }

  private static boolean hasBody(HttpServerRequest req) {
    String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    return req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !"0".equals(length.trim()));
  }

  private static Future<Void> send(HttpServerRequest req, int status, String message) {
    if (req.response().ended() || req.response().closed()) {
      return Future.succeededFuture();
    }
    return req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(message == null ? "" : message);
  }
}
