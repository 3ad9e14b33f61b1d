package org.cinderemu.scheduler;

import io.vertx.core.Future;
import java.time.Duration;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.api.BackupRpcApi;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.service.ServiceVerticle;

/** cinder-scheduler: one RPC server on (cinder-scheduler, host) around the SchedulerManager. */
public class SchedulerVerticle extends ServiceVerticle {

  private SchedulerManager manager;

  public SchedulerVerticle(CinderConf conf) {
    super(conf);
  }

  @Override
  public String binary() {
    return ServiceTopic.SCHEDULER.topic();
  }

  @Override
  public String serviceHost() {
    return options.host();
  }

  @Override
  protected String rpcVersion() {
    return ServiceTopic.SCHEDULER.apiVersion();
  }

  @Override
  protected RpcDispatcher dispatcher() {
    return manager.dispatcher();
  }

  @Override
  protected Future<Void> initHost() {
    manager = new SchedulerManager(vertx, db, SchedulerOptions.from(conf), new VolumeRpcApi(rpc),
        new BackupRpcApi(rpc), new SchedulerRpcApi(rpc), service().id(),
        Duration.ofSeconds(options.serviceDownTimeSeconds()));
    return Future.succeededFuture();
  }

  @Override
  protected Future<Void> initHostWithRpc() {
    return manager.startUp(Duration.ofSeconds(conf.get(SchedulerOptions.SCHEDULER_DRIVER_INIT_WAIT_TIME)));
  }

  public SchedulerManager manager() {
    return manager;
  }
}
