package org.cinderemu.volume;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.random.RandomGenerator;
import org.cinderemu.common.chaos.ChaosControl;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.http.HttpServerLimits;
import org.cinderemu.common.objects.fields.ReplicationStatus;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.rpc.api.BackupRpcApi;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.rpc.api.VolumeTargets;
import org.cinderemu.common.service.ServiceVerticle;
import org.cinderemu.volume.driver.BackendConfig;
import org.cinderemu.volume.data.ExportTokens;
import org.cinderemu.volume.data.InMemoryDataStore;
import org.cinderemu.volume.data.SparseFileDataStore;
import org.cinderemu.volume.data.VolumeDataServer;
import org.cinderemu.volume.data.VolumeDataStore;
import org.cinderemu.volume.driver.DriverFaultControls;
import org.cinderemu.volume.driver.DriverFaults;
import org.cinderemu.volume.driver.EmulatedDriver;

/**
 * One cinder-volume service for one entry of {@code enabled_backends}: its {@code host@backend}
 * services row and its two RPC servers (docs/cinder-reference.md §2.2): (cinder-volume, host@backend) and
 * (cinder-volume.host@backend, host), whose {@code cinder-volume.host@backend.host} queue carries
 * the normal traffic; with {@code [DEFAULT] cluster} a third, (cinder-volume.cluster@backend, cluster), whose
 * queue all members share.
 */
public class VolumeVerticle extends ServiceVerticle {

  private final String backend;
  private final BackendConfig backendConfig;
  private final String serviceHost;
  private final String clusterName;
  private VolumeManager manager;
  private VolumeDataServer dataServer;

  public VolumeVerticle(CinderConf conf, String backend) {
    super(conf);
    this.backend = backend;
    this.backendConfig = BackendConfig.from(conf, backend);
    this.serviceHost = VolumeTargets.serviceHost(conf.find(BackendConfig.BACKEND_HOST, backend).orElse(options.host()),
        backend);
    // cinder/cmd/volume.py: the cluster of backend B is "<cluster>@B" when [DEFAULT] cluster is not blank
    String cluster = conf.find(BackendConfig.CLUSTER).map(String::strip).orElse("");
    this.clusterName = cluster.isEmpty() ? null : cluster + "@" + backend;
  }

  @Override
  protected String clusterName() {
    return clusterName;
  }

  @Override
  public String binary() {
    return ServiceTopic.VOLUME.topic();
  }

  @Override
  public String serviceHost() {
    return serviceHost;
  }

  @Override
  protected String rpcVersion() {
    return ServiceTopic.VOLUME.apiVersion();
  }

  @Override
  protected String availabilityZone() {
    return backendConfig.availabilityZone();
  }

  @Override
  protected String replicationStatus() {
    return ReplicationStatus.DISABLED.wire();
  }

  @Override
  protected List<Target> targets() {
    return VolumeTargets.listenedOnBy(serviceHost, clusterName);
  }

  @Override
  protected RpcDispatcher dispatcher() {
    return manager.dispatcher();
  }

  @Override
  protected Future<Void> initHost() {
    double failureRate = conf.get(BackendConfig.EMULATOR_CREATE_FAILURE_RATE, backend);
    VolumeDataStore store = "memory".equals(backendConfig.dataStore()) ? new InMemoryDataStore()
        : new SparseFileDataStore(vertx, options.statePath().resolve("volumes").resolve(backend));
    DriverFaults faults = DriverFaults.current();
    EmulatedDriver driver = new EmulatedDriver(vertx, backendConfig, store, failureRate,
        () -> faults.fault(serviceHost), RandomGenerator.getDefault());
    ChaosControl.current().register(DriverFaultControls.INSTANCE);
    // my_ip is Cinder's own option for the address other nodes reach this one at
    dataServer = new VolumeDataServer(vertx, store, conf.get(BackendConfig.EMULATOR_DATA_LISTEN),
        conf.get(BackendConfig.EMULATOR_DATA_PORT, backend), conf.get(BackendConfig.MY_IP),
        HttpServerLimits.from(conf), ExportTokens.from(conf));
    return dataServer.start().compose(s -> {
      manager = new VolumeManager(db,
          new VolumeManager.Identity(serviceHost, clusterName, service().id(), addedToCluster()), driver, new SchedulerRpcApi(rpc), new BackupRpcApi(rpc),
          new VolumeRpcApi(rpc), s, vertx,
          conf.get(BackendConfig.MIGRATION_CREATE_VOLUME_TIMEOUT_SECS) * 1000L);
      return manager.initHost();
    });
  }

  @Override
  public Future<?> stop() {
    DriverFaults.current().unregister(serviceHost);
    return super.stop().compose(v -> dataServer == null ? Future.succeededFuture() : dataServer.stop());
  }

  @Override
  protected Future<Void> initHostWithRpc() {
    every(backendConfig.statsPollingIntervalSeconds() * 1000L,
        () -> manager.publishCapabilities(RequestContext.admin()));
    // a changed driver fault is reported at once, on this verticle's own context
    Context own = context;
    DriverFaults.current().register(serviceHost,
        () -> own.runOnContext(x -> manager.publishCapabilities(RequestContext.admin())));
    return manager.publishCapabilities(RequestContext.admin());
  }

  public VolumeManager manager() {
    return manager;
  }

  /** The backend's data endpoint (null before init_host). */
  public VolumeDataServer dataServer() {
    return dataServer;
  }
}
