package org.cinderemu.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.common.config.CinderConf;

/**
 * cinder-api: the Block Storage v3 HTTP server on {@code osapi_volume_listen:osapi_volume_listen_port}
 * (port 0 = ephemeral, see {@link #actualPort()}).
 */
public class ApiVerticle extends VerticleBase {

  private final CinderConf conf;
  private final List<ResourceRoutes> resources;
  private HttpServer server;

  public ApiVerticle(CinderConf conf) {
    this(conf, List.of());
  }

  public ApiVerticle(CinderConf conf, List<? extends ResourceRoutes> resources) {
    this.conf = conf;
    this.resources = List.copyOf(resources);
  }

  @Override
  public Future<?> start() {
    ApiConfig config = ApiConfig.from(conf);
    var router = new ApiRouterBuilder(vertx, config).resources(resources).build();
    return vertx.createHttpServer(new HttpServerOptions())
        .requestHandler(router)
        .listen(config.listenPort(), config.listenHost())
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The bound port (the ephemeral one when configured with 0); -1 before start. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
