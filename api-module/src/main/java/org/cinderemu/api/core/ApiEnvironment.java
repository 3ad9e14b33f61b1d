package org.cinderemu.api.core;

import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.QuotaRepository;
import org.cinderemu.common.rpc.api.BackupRpcApi;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.VolumeRpcApi;

/**
 * What the API's business logic works with: the database, the quota engine with the configured default
 * limits, and the typed RPC stubs (the API publishes through these and nothing else).
 */
public record ApiEnvironment(
    Database db,
    QuotaRepository quotas,
    SchedulerRpcApi scheduler,
    VolumeRpcApi volumes,
    BackupRpcApi backups,
    ApiOptions options) {

  public static ApiEnvironment of(Database db, SchedulerRpcApi scheduler, VolumeRpcApi volumes,
      BackupRpcApi backups, ApiOptions options) {
    return new ApiEnvironment(db, new QuotaRepository(db, options.quotaDefaults()), scheduler, volumes, backups,
        options);
  }
}
