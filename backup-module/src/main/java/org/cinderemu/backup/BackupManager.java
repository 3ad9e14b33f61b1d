package org.cinderemu.backup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Server side of the backup RPC API (cinder/backup/manager.py). */
public final class BackupManager {

  public static final String RPC_VERSION = "2.3";
  public static final String DRIVER_NAME = "cinder.backup.drivers.posix.PosixBackupDriver";
  private static final Logger LOG = LoggerFactory.getLogger(BackupManager.class);

  private final Database db;
  private final String host;
  private final String availabilityZone;
  private final SchedulerRpcApi scheduler;

  public BackupManager(Database db, String host, String availabilityZone, SchedulerRpcApi scheduler) {
    this.db = db;
    this.host = host;
    this.availabilityZone = availabilityZone;
    this.scheduler = scheduler;
  }

  public RpcDispatcher dispatcher() {
    return new RpcDispatcher(RPC_VERSION)
        .register("publish_service_capabilities", (ctx, args) -> publishCapabilities(ctx));
  }

  public Future<Void> initHost() {
    return Future.succeededFuture();
  }

  /** The backup service's report (§5.5): the scheduler picks backup hosts from these. */
  public Future<Void> publishCapabilities(RequestContext ctx) {
    JsonObject caps = new JsonObject().put("backend_state", true).put("driver_name", DRIVER_NAME)
        .put("availability_zone", availabilityZone);
    return scheduler.updateServiceCapabilities(ctx, "backup", host, caps, null, RequestContext.now())
        .compose(v -> scheduler.notifyServiceCapabilities(ctx, "backup", host, caps, RequestContext.now()))
        .onFailure(e -> LOG.warn("[{}] capability report of backup {} failed: {}", ctx.requestId(), host,
            e.getMessage()));
  }
}
