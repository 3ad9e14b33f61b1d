package org.cinderemu.common.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.admin.ProcessMetrics;
import org.cinderemu.common.chaos.ChaosInterceptor;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.metrics.RpcMetrics;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.fields.ReplicationStatus;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.RpcServer;
import org.cinderemu.common.rpc.RpcTransport;
import org.cinderemu.common.rpc.RequestLedger;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.trace.TraceRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one generic service host (Cinder's cinder/service.py): the {@code services} row, the startup
 * sequence of docs/cinder-reference.md §5.4 (row, init_host, RPC servers, init_host_with_rpc, timers), the heartbeat
 * every {@code report_interval} and periodic tasks. Services differ only in their manager.
 */
public abstract class ServiceVerticle extends VerticleBase {

  /** Cinder's objects history version, written to {@code services.object_current_version}. */
  public static final String OBJECT_VERSION = "1.39";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceVerticle.class);

  protected final CinderConf conf;
  protected final ServiceOptions options;
  protected Database db;
  protected RpcTransport transport;
  protected RpcClient rpc;
  private TraceRecorder trace;
  private volatile Service service;
  private volatile boolean addedToCluster;
  private final List<RpcServer> servers = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();

  protected ServiceVerticle(CinderConf conf) {
    this.conf = conf;
    this.options = ServiceOptions.from(conf);
  }

  /** e.g. {@code cinder-volume}. */
  public abstract String binary();

  /** The {@code services.host} value: {@code host} or {@code host@backend}. */
  public abstract String serviceHost();

  /** The manager's RPC target version (volume 3.18, scheduler 3.12, backup 2.3). */
  protected abstract String rpcVersion();

  /** The manager's methods. */
  protected abstract RpcDispatcher dispatcher();

  /** The targets the service listens on (docs/cinder-reference.md §2.2). */
  protected List<Target> targets() {
    return List.of(Target.server(binary(), serviceHost()));
  }

  /** {@code services.cluster_name}: {@code cluster@backend} for a clustered volume service, else null. */
  protected String clusterName() {
    return null;
  }

  /** True when this start put the service into its cluster (a first start, or a changed {@code cluster}). */
  protected boolean addedToCluster() {
    return addedToCluster;
  }

  protected String availabilityZone() {
    return options.availabilityZone();
  }

  /** {@code services.replication_status} at registration. */
  protected String replicationStatus() {
    return ReplicationStatus.NOT_CAPABLE.wire();
  }

  /** Work before the RPC servers start (cleanups of docs/cinder-reference.md §5.4). */
  protected Future<Void> initHost() {
    return Future.succeededFuture();
  }

  /** Work once the RPC servers listen (capability reports). */
  protected Future<Void> initHostWithRpc() {
    return Future.succeededFuture();
  }

  /** A service whose manager is not working skips its heartbeat, so it shows down (docs/cinder-reference.md §5.3). */
  protected boolean isWorking() {
    return true;
  }

  /** Periodic tasks at {@code periodic_interval}; managers override. */
  protected void periodicTasks() {
  }

  public Service service() {
    return service;
  }

  public Database database() {
    return db;
  }

  public RpcTransport transport() {
    return transport;
  }

  @Override
  public Future<?> start() {
    return Database.open(vertx, DatabaseUrl.fromConf(conf, options.statePath()))
        .compose(d -> {
          db = d;
          return RpcTransport.connect(vertx, RpcConfig.from(conf), binary());
        })
        .compose(t -> {
          transport = t;
          ChaosInterceptor.install(t, binary(), serviceHost());
          trace = TraceRecorder.attach(vertx, db, t, conf, binary(), serviceHost());
          RpcMetrics.install(ProcessMetrics.current().registry(), binary(), t);
          rpc = new RpcClient(t);
          return register();
        })
        .compose(v -> initHost())
        .compose(v -> startServers())
        .compose(v -> initHostWithRpc())
        .onSuccess(v -> {
          every(options.reportIntervalSeconds() * 1000L, this::heartbeat);
          every(options.periodicIntervalSeconds() * 1000L, this::periodicTasks);
          LOG.info("{} on {} started (service id {})", binary(), serviceHost(), service.id());
        })
        .onFailure(e -> LOG.error("{} on {} failed to start: {}", binary(), serviceHost(), e.getMessage(), e));
  }

  /** A periodic task that stops with the service. */
  protected void every(long millis, Runnable task) {
    timers.add(vertx.setPeriodic(millis, id -> task.run()));
  }

  private Future<Void> register() {
    Service wanted = Service.builder()
        .host(serviceHost())
        .binary(binary())
        .topic(binary())
        .availabilityZone(availabilityZone())
        .rpcCurrentVersion(rpcVersion())
        .objectCurrentVersion(OBJECT_VERSION)
        .replicationStatus(replicationStatus())
        .clusterName(clusterName())
        .build();
    String cluster = clusterName();
    Future<Void> clusterRow = cluster == null ? Future.succeededFuture()
        : db.clusters().ensure(cluster, binary()).mapEmpty();
    // a first heartbeat at once, so a new service counts as up before its first report_interval ends
    return clusterRow.compose(v -> db.services().findByHostAndBinary(serviceHost(), binary()))
        .onSuccess(before -> addedToCluster = cluster != null
            && !cluster.equals(before.map(Service::clusterName).orElse(null)))
        .compose(before -> db.services().register(wanted))
        .compose(s -> db.services().heartbeat(s.id()).map(ok -> s))
        .onSuccess(s -> service = s)
        .mapEmpty();
  }

  private Future<Void> startServers() {
    RpcDispatcher dispatcher = dispatcher();
    RequestLedger ledger = transport.config().reliable() ? new HandledRequestLedger(db) : RequestLedger.NONE;
    Future<Void> chain = transport.config().reliable() ? HandledRequestLedger.prune(db) : Future.succeededFuture();
    for (Target target : targets()) {
      RpcServer server = new RpcServer(transport, target, dispatcher, ledger);
      servers.add(server);
      chain = chain.compose(v -> server.start());
    }
    return chain;
  }

  /** {@code report_state}: report_count + 1 and a fresh updated_at; a vanished row is re-created. */
  protected Future<Void> heartbeat() {
    if (!isWorking()) {
      LOG.debug("{} on {} is not working: heartbeat skipped", binary(), serviceHost());
      return Future.succeededFuture();
    }
    return db.services().heartbeat(service.id())
        .compose(found -> found ? Future.<Void>succeededFuture() : register())
        .onFailure(e -> LOG.warn("heartbeat of {} on {} failed: {}", binary(), serviceHost(), e.getMessage()));
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    List<Future<Void>> stops = new ArrayList<>();
    servers.forEach(s -> stops.add(s.stop()));
    return Future.join(stops)
        .compose(v -> trace == null ? Future.succeededFuture() : trace.stop())
        .compose(v -> transport == null ? Future.succeededFuture() : transport.close())
        .compose(v -> db == null ? Future.succeededFuture() : db.close());
  }
}
