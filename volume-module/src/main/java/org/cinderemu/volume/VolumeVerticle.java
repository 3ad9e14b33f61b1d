package org.cinderemu.volume;

import io.vertx.core.Future;
import java.util.List;
import java.util.random.RandomGenerator;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.service.ServiceVerticle;
import org.cinderemu.volume.driver.BackendConfig;
import org.cinderemu.volume.driver.EmulatedDriver;

/**
 * One cinder-volume service for one entry of {@code enabled_backends}: its {@code host@backend}
 * services row and its two RPC servers (§2.2): (cinder-volume, host@backend) and
 * (cinder-volume.host@backend, host), whose {@code cinder-volume.host@backend.host} queue carries
 * the normal traffic.
 */
public class VolumeVerticle extends ServiceVerticle {

  private final String backend;
  private final BackendConfig backendConfig;
  private final String serviceHost;
  private VolumeManager manager;

  public VolumeVerticle(CinderConf conf, String backend) {
    super(conf);
    this.backend = backend;
    this.backendConfig = BackendConfig.from(conf, backend);
    this.serviceHost = conf.backendOption(backend, "backend_host").orElse(options.host()) + "@" + backend;
  }

  @Override
  public String binary() {
    return VolumeRpcApi.TOPIC;
  }

  @Override
  public String serviceHost() {
    return serviceHost;
  }

  @Override
  protected String rpcVersion() {
    return VolumeManager.RPC_VERSION;
  }

  @Override
  protected String availabilityZone() {
    return backendConfig.availabilityZone();
  }

  @Override
  protected String replicationStatus() {
    return "disabled";
  }

  @Override
  protected List<Target> targets() {
    String hostOnly = serviceHost.substring(0, serviceHost.indexOf('@'));
    return List.of(Target.server(VolumeRpcApi.TOPIC, serviceHost),
        Target.server(VolumeRpcApi.TOPIC + "." + serviceHost, hostOnly));
  }

  @Override
  protected RpcDispatcher dispatcher() {
    return manager.dispatcher();
  }

  @Override
  protected Future<Void> initHost() {
    double failureRate = Double.parseDouble(conf.backendOption(backend, "emulator_create_failure_rate").orElse("0"));
    EmulatedDriver driver = new EmulatedDriver(vertx, backendConfig, failureRate, RandomGenerator.getDefault());
    manager = new VolumeManager(db, serviceHost, driver, new SchedulerRpcApi(rpc));
    return manager.initHost();
  }

  @Override
  protected Future<Void> initHostWithRpc() {
    every(backendConfig.statsPollingIntervalSeconds() * 1000L,
        () -> manager.publishCapabilities(RequestContext.admin()));
    return manager.publishCapabilities(RequestContext.admin());
  }

  public VolumeManager manager() {
    return manager;
  }
}
