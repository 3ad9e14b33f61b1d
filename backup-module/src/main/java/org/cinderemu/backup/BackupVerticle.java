package org.cinderemu.backup;

import io.vertx.core.Future;
import org.cinderemu.backup.driver.BackupDriver;
import org.cinderemu.backup.driver.PosixBackupOptions;
import org.cinderemu.backup.driver.PosixChunkedBackupDriver;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.service.ServiceVerticle;

/** cinder-backup on one host: one RPC server on (cinder-backup, host) around the BackupManager. */
public class BackupVerticle extends ServiceVerticle {

  private BackupManager manager;

  public BackupVerticle(CinderConf conf) {
    super(conf);
  }

  @Override
  public String binary() {
    return ServiceTopic.BACKUP.topic();
  }

  @Override
  public String serviceHost() {
    return options.host();
  }

  @Override
  protected String rpcVersion() {
    return ServiceTopic.BACKUP.apiVersion();
  }

  @Override
  protected RpcDispatcher dispatcher() {
    return manager.dispatcher();
  }

  @Override
  protected Future<Void> initHost() {
    BackupDriver driver = new PosixChunkedBackupDriver(vertx, PosixBackupOptions.from(conf))
        .withChunkLatency(conf.get(BackupServiceOptions.EMULATOR_BACKUP_CHUNK_LATENCY_MS));
    manager = new BackupManager(vertx, db, serviceHost(), availabilityZone(), new SchedulerRpcApi(rpc),
        new VolumeRpcApi(rpc), driver)
        .withCopyLatency(conf.get(BackupServiceOptions.EMULATOR_BACKUP_LATENCY_MS))
        .withMaxOperations(conf.get(BackupServiceOptions.BACKUP_MAX_OPERATIONS));
    return manager.initHost();
  }

  @Override
  protected Future<Void> initHostWithRpc() {
    every(conf.get(BackupServiceOptions.BACKUP_DRIVER_STATS_POLLING_INTERVAL) * 1000L,
        () -> manager.publishCapabilities(RequestContext.admin()));
    return manager.publishCapabilities(RequestContext.admin());
  }

  public BackupManager manager() {
    return manager;
  }
}
