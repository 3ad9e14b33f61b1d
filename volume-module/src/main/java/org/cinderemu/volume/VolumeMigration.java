package org.cinderemu.volume;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cinderemu.common.data.VolumeDataClient;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.fields.VolumeMigrationStatus;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.volume.driver.EmulatedDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cinder's generic volume migration, run by the source backend (docs/cinder-reference.md §4.5): a temporary volume row
 * ({@code migration_status = target:<id>}) is created on the target by a direct create_volume cast,
 * the bytes are copied over the target's data endpoint, then the source row takes the target's host
 * and keeps its id, its data now under {@code _name_id} = the temporary id, as Cinder swaps them.
 */
final class VolumeMigration {

  private static final Logger LOG = LoggerFactory.getLogger(VolumeMigration.class);
  private static final int COPY_CHUNK = 4 << 20;
  private static final JsonObject CONNECTOR = new JsonObject().put("platform", "x86_64").put("os_type", "linux")
      .put("ip", "127.0.0.1").put("host", "cinder-emulator").put("multipath", false)
      .put("do_local_attach", false);

  private final Vertx vertx;
  private final Database db;
  private final EmulatedDriver driver;
  private final VolumeRpcApi volumes;
  private final long createTimeoutMs;

  VolumeMigration(Vertx vertx, Database db, EmulatedDriver driver, VolumeRpcApi volumes, long createTimeoutMs) {
    this.vertx = vertx;
    this.db = db;
    this.driver = driver;
    this.volumes = volumes;
    this.createTimeoutMs = createTimeoutMs;
  }

  /** @param targetHost the chosen pool, {@code host@backend#pool} */
  Future<Void> migrate(RequestContext ctx, Volume source, String targetHost) {
    if (HostString.extract(targetHost).equals(HostString.extract(source.host()))) {
      // another pool of this same backend: only the host field changes
      return finish(source, Map.of("host", targetHost, "migration_status",
          VolumeMigrationStatus.SUCCESS.wire()));
    }
    return db.volumes().update(source.id(), Map.of("migration_status", VolumeMigrationStatus.MIGRATING.wire()))
        .compose(v -> db.volumes().insert(source.toBuilder()
            .id(UUID.randomUUID().toString()).nameId(null).host(targetHost).clusterName(null)
            .status(VolumeStatus.CREATING.wire()).migrationStatus("target:" + source.id()).useQuota(false)
            .scheduledAt(db.now()).launchedAt(null).createdAt(null).providerLocation(null).build()))
        .compose(temp -> volumes.createVolume(ctx, temp, null, new JsonObject(), false)
            .compose(v -> awaitAvailable(temp.id(), System.currentTimeMillis() + createTimeoutMs))
            .compose(created -> copy(ctx, source, created)
                .compose(v -> {
                  Map<String, Object> values = new LinkedHashMap<>();
                  values.put("host", created.host());
                  values.put("cluster_name", created.clusterName());
                  values.put("provider_location", created.providerLocation());
                  values.put("_name_id", created.id());
                  values.put("migration_status", VolumeMigrationStatus.SUCCESS.wire());
                  return db.volumes().update(source.id(), values);
                })
                // the temporary row goes, its bytes stay: they are the volume's now
                .compose(v -> db.volumes().softDelete(created.id()))
                .compose(v -> driver.deleteVolume(source)))
            .recover(e -> {
              LOG.warn("migration of volume {} to {} failed: {}", source.id(), targetHost,
                  e.getMessage());
              return db.volumes().update(temp.id(), Map.of("status", VolumeStatus.DELETING.wire()))
                  .compose(v -> db.volumes().get(temp.id()))
                  .compose(t -> volumes.deleteVolume(ctx, t, false, false))
                  .compose(v -> Future.failedFuture(e));
            }))
        .compose(v -> db.volumes().get(source.id()))
        .compose(v -> finish(v, Map.of()))
        .recover(e -> db.volumes().update(source.id(), Map.of("migration_status", VolumeMigrationStatus.ERROR.wire()))
            .compose(v -> restoreStatus(source)));
  }

  private Future<Void> finish(Volume source, Map<String, Object> values) {
    return (values.isEmpty() ? Future.succeededFuture(true) : db.volumes().update(source.id(), values))
        .compose(v -> restoreStatus(source));
  }

  // lock_volume put an available volume in maintenance for the migration; give it its status back
  private Future<Void> restoreStatus(Volume source) {
    if (!VolumeStatus.MAINTENANCE.is(source.status())) {
      return Future.succeededFuture();
    }
    String back = source.previousStatus() == null ? VolumeStatus.AVAILABLE.wire() : source.previousStatus();
    return db.volumes().updateStatus(source.id(), List.of(VolumeStatus.MAINTENANCE.wire()), back, Map.of()).mapEmpty();
  }

  private Future<Volume> awaitAvailable(String id, long deadline) {
    return db.volumes().get(id).compose(v -> {
      if (VolumeStatus.AVAILABLE.is(v.status())) {
        return Future.succeededFuture(v);
      }
      if (!VolumeStatus.CREATING.is(v.status()) || System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new IllegalStateException("temporary volume " + id + " is " + v.status()));
      }
      return vertx.timer(200).compose(t -> awaitAvailable(id, deadline));
    });
  }

  /**
   * Copies every non-zero chunk of the source's bytes into the target volume (a sparse-aware copy); detaches
   * (terminate_connection + remove_export) whatever the outcome, as Cinder's _copy_volume_data does.
   */
  private Future<Void> copy(RequestContext ctx, Volume source, Volume target) {
    return volumes.initializeConnection(ctx, target, CONNECTOR).compose(info -> {
      VolumeDataClient client = VolumeDataClient.open(vertx, info);
      long size = source.size() * (1L << 30);
      return copyFrom(EmulatedDriver.dataKey(source), client, 0, size)
          .eventually(() -> client.close())
          .eventually(() -> volumes.terminateConnection(ctx, target, CONNECTOR, true)
              .eventually(() -> volumes.removeExport(ctx, target, true)));
    });
  }

  private Future<Void> copyFrom(String key, VolumeDataClient client, long offset, long size) {
    if (offset >= size) {
      return Future.succeededFuture();
    }
    int len = (int) Math.min(COPY_CHUNK, size - offset);
    return driver.data().read(key, offset, len)
        .compose(chunk -> isZero(chunk) ? Future.succeededFuture() : client.write(offset, chunk))
        .compose(v -> copyFrom(key, client, offset + len, size));
  }

  private static boolean isZero(Buffer b) {
    for (int i = 0; i < b.length(); i++) {
      if (b.getByte(i) != 0) {
        return false;
      }
    }
    return true;
  }
}
