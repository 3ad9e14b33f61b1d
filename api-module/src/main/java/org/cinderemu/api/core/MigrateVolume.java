package org.cinderemu.api.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.ServiceRepository;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.objects.RequestSpecs;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.fields.VolumeMigrationStatus;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.cinderemu.common.objects.fields.WireEnum;

/**
 * {@code os-migrate_volume}: the target must be an enabled, up volume backend other than the current one;
 * the volume available or in-use, not migrating, not replicated, in no group. Sets
 * {@code migration_status=starting}, then {@code SchedulerRpcApi.migrateVolume} validates the target and casts
 * the source.
 */
final class MigrateVolume {

  private final ApiEnvironment env;
  private final Database db;
  private final VolumeReads reads;

  MigrateVolume(ApiEnvironment env, VolumeReads reads) {
    this.env = env;
    this.db = env.db();
    this.reads = reads;
  }

  Future<Void> migrate(ApiContext ctx, String id, String host, String cluster, boolean forceHostCopy,
      boolean lockVolume) {
    String target = cluster != null ? cluster : host;
    try {
      HostString.validate(target);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ApiException.badRequest(e.getMessage()));
    }
    return reads.get(ctx, id).compose(found -> FrozenBackends.assertNotFrozen(db, found)).compose(volume -> targetService(target, cluster != null).compose(svc -> {
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("status", volume.status());
      expected.put("migration_status", VolumeStates.NOT_MIGRATING);
      expected.put("replication_status", VolumeStates.NOT_REPLICATED);
      expected.put("consistencygroup_id", null);
      expected.put("group_id", null);
      String current = cluster != null ? volume.clusterName() : volume.host();
      expected.put(cluster != null ? "cluster_name" : "host", current);
      boolean allowed = WireEnum.wires(VolumeStatus.AVAILABLE, VolumeStatus.IN_USE).contains(volume.status())
          && !target.equals(current);
      Map<String, Object> updates = new LinkedHashMap<>();
      updates.put("migration_status", VolumeMigrationStatus.STARTING.wire());
      updates.put("previous_status", volume.status());
      if (lockVolume && VolumeStatus.AVAILABLE.is(volume.status())) {
        updates.put("status", VolumeStatus.MAINTENANCE.wire());
      }
      Future<Boolean> applied = allowed ? db.volumes().conditionalUpdate(volume.id(), expected, updates)
          : Future.succeededFuture(false);
      return applied.compose(ok -> {
        if (!ok) {
          return Future.failedFuture(ApiException.badRequest("Invalid volume: Volume " + volume.id() + " status "
              + "must be available or in-use, must not be migrating, have snapshots, be replicated, be part of a "
              + "group and destination host/cluster must be different than the current one"));
        }
        return db.volumes().get(volume.id()).compose(starting -> env.scheduler().migrateVolume(
            RpcContexts.from(ctx), starting, target, forceHostCopy, RequestSpecs.asDict(starting,
                starting.volumeType()), new JsonObject()));
      });
    }));
  }

  /** Cinder's {@code _get_service_by_host_cluster}: an enabled, up volume service of that backend. */
  private Future<Service> targetService(String target, boolean isCluster) {
    String backend = HostString.extract(target);
    return db.services().listByTopic(AvailabilityZones.VOLUME_TOPIC).compose(services -> {
      for (Service s : services) {
        String key = isCluster ? s.clusterName() : s.host();
        if (backend.equals(key) && !s.disabled()
            && ServiceRepository.isUp(s, db.now(), env.options().serviceDownTime())) {
          return Future.succeededFuture(s);
        }
      }
      return Future.failedFuture(ApiException.badRequest("Invalid host: No available service named " + target));
    });
  }
}
