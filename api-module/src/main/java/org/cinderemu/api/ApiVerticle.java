package org.cinderemu.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.api.core.ApiEnvironment;
import org.cinderemu.api.core.ApiOptions;
import org.cinderemu.api.core.BackupApi;
import org.cinderemu.api.core.QuotaApi;
import org.cinderemu.api.core.ServicesApi;
import org.cinderemu.api.core.TypeApi;
import org.cinderemu.api.core.VolumeApi;
import org.cinderemu.api.core.VolumeMetadataApi;
import org.cinderemu.api.handlers.AvailabilityZonesHandler;
import org.cinderemu.api.handlers.LimitsHandler;
import org.cinderemu.api.handlers.QuotaSetsHandler;
import org.cinderemu.api.handlers.SchedulerStatsHandler;
import org.cinderemu.api.handlers.ServicesHandler;
import org.cinderemu.api.handlers.ClustersHandler;
import org.cinderemu.api.handlers.WorkersHandler;
import org.cinderemu.api.core.ClustersApi;
import org.cinderemu.api.core.WorkersApi;
import org.cinderemu.api.handlers.TypeExtraSpecsHandler;
import org.cinderemu.api.handlers.TypesHandler;
import org.cinderemu.api.handlers.VolumeActionsHandler;
import org.cinderemu.api.handlers.VolumeMetadataHandler;
import org.cinderemu.api.handlers.VolumesHandler;
import org.cinderemu.api.http.BodyDecoderGuard;
import org.cinderemu.api.http.ResourceRoutes;
import org.cinderemu.api.handlers.BackupsHandler;
import org.cinderemu.api.metrics.CinderExporter;
import org.cinderemu.common.admin.ProcessMetrics;
import org.cinderemu.common.chaos.ChaosInterceptor;
import org.cinderemu.common.metrics.RpcMetrics;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.http.HttpServerLimits;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.api.BackupRpcApi;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.service.ServiceOptions;
import org.cinderemu.common.trace.TraceRecorder;

/**
 * cinder-api: the Block Storage v3 HTTP server on {@code osapi_volume_listen:osapi_volume_listen_port}
 * (port 0 = ephemeral, see {@link #actualPort()}). It opens the database and one AMQP connection
 * ("cinder-api"), publishes only through the typed RPC stubs and, like Cinder, has no services row and no
 * RPC server.
 */
public class ApiVerticle extends VerticleBase {

  public static final String BINARY = "cinder-api";

  private final CinderConf conf;
  private final List<ResourceRoutes> extraResources;
  private final boolean withBackends;
  // read where the verticle is built, not on its event loop (ServiceOptions may look the hostname up)
  private final ServiceOptions service;
  private final ApiOptions options;
  private HttpServer server;
  private Database db;
  private RpcTransport transport;
  private TraceRecorder trace;
  private Runnable withdrawExporter = () -> { };

  /** The full API: database, broker and every Cinder resource. */
  public ApiVerticle(CinderConf conf) {
    this(conf, List.of(), true);
  }

  /** Only the HTTP layer with the given resources, no database or broker (for tests of the HTTP layer). */
  public ApiVerticle(CinderConf conf, List<? extends ResourceRoutes> resources) {
    this(conf, resources, false);
  }

  private ApiVerticle(CinderConf conf, List<? extends ResourceRoutes> resources, boolean withBackends) {
    this.conf = conf;
    this.extraResources = List.copyOf(resources);
    this.withBackends = withBackends;
    this.service = ServiceOptions.from(conf);
    this.options = ApiOptions.from(conf);
  }

  @Override
  public Future<?> start() {
    ApiConfig config = ApiConfig.from(conf);
    Future<List<ResourceRoutes>> resources = withBackends ? openBackends() : Future.succeededFuture(List.of());
    return resources.compose(cinder -> {
      List<ResourceRoutes> all = new ArrayList<>(cinder);
      all.addAll(extraResources);
      HttpServerLimits limits = HttpServerLimits.from(conf);
      var router = new ApiRouterBuilder(vertx, config).limits(limits).resources(all).build();
      return vertx.createHttpServer(limits.serverOptions())
          .connectionHandler(BodyDecoderGuard::install)
          .requestHandler(router)
          .listen(config.listenPort(), config.listenHost());
    }).onSuccess(s -> server = s)
        .recover(e -> closeBackends().transform(x -> Future.failedFuture(e)));
  }

  private Future<List<ResourceRoutes>> openBackends() {
    return Database.open(vertx, DatabaseUrl.fromConf(conf, service.statePath()))
        .compose(database -> {
          db = database;
          return RpcTransport.connect(vertx, RpcConfig.from(conf), BINARY);
        })
        .map(t -> {
          transport = t;
          ChaosInterceptor.install(t, BINARY, service.host());
          trace = TraceRecorder.attach(vertx, db, t, conf, BINARY, service.host());
          RpcMetrics.install(ProcessMetrics.current().registry(), BINARY, t);
          RpcClient client = new RpcClient(t);
          ApiEnvironment env = ApiEnvironment.of(db, new SchedulerRpcApi(client), new VolumeRpcApi(client),
              new BackupRpcApi(client), options);
          // the deployment's openstack-exporter series, on this process's admin endpoint
          CinderExporter exporter = new CinderExporter(vertx, env, ProcessMetrics.current().registry());
          withdrawExporter = ProcessMetrics.current().onScrape(exporter::refresh);
          return resources(env, conf);
        });
  }

  /** Every Cinder resource this API serves, wired to one environment. */
  static List<ResourceRoutes> resources(ApiEnvironment env, CinderConf conf) {
    TypeApi types = new TypeApi(env);
    VolumeApi volumes = new VolumeApi(env, types);
    ServicesApi services = new ServicesApi(env);
    QuotaApi quotas = new QuotaApi(env);
    return List.of(
        new VolumesHandler(volumes, env.options().maxVolumeMetadataItems()),
        new VolumeActionsHandler(volumes),
        new VolumeMetadataHandler(new VolumeMetadataApi(env, volumes)),
        new TypesHandler(types),
        new TypeExtraSpecsHandler(types),
        new ServicesHandler(services),
        new SchedulerStatsHandler(services, types),
        new LimitsHandler(quotas),
        new AvailabilityZonesHandler(volumes),
        new QuotaSetsHandler(quotas),
        new BackupsHandler(BackupApi.create(env, volumes, conf)),
        new ClustersHandler(new ClustersApi(env), env.db(), env.options().serviceDownTime()),
        new WorkersHandler(new WorkersApi(env)));
  }

  @Override
  public Future<?> stop() {
    Future<Void> http = server == null ? Future.succeededFuture() : server.close();
    return http.transform(x -> closeBackends());
  }

  private Future<Void> closeBackends() {
    withdrawExporter.run();
    Future<Void> flushed = trace == null ? Future.succeededFuture() : trace.stop();
    Future<Void> rpc = flushed.transform(x -> transport == null ? Future.succeededFuture() : transport.close());
    return rpc.transform(x -> db == null ? Future.<Void>succeededFuture() : db.close())
        .onComplete(x -> {
          transport = null;
          trace = null;
          db = null;
        });
  }

  /** The broker connection the API publishes through (tests put chaos interceptors on it); null when stopped. */
  public RpcTransport transport() {
    return transport;
  }

  /** The bound port (the ephemeral one when configured with 0); -1 before start. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
