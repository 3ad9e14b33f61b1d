package org.cinderemu.common.rpc.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.VersionedObjects;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcClient;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.rpc.messages.scheduler.CreateBackup;
import org.cinderemu.common.rpc.messages.scheduler.CreateVolume;
import org.cinderemu.common.rpc.messages.scheduler.DoCleanup;
import org.cinderemu.common.rpc.messages.scheduler.ExtendVolume;
import org.cinderemu.common.rpc.messages.scheduler.GetPools;
import org.cinderemu.common.rpc.messages.scheduler.MigrateVolume;
import org.cinderemu.common.rpc.messages.scheduler.NotifyServiceCapabilities;
import org.cinderemu.common.rpc.messages.scheduler.UpdateServiceCapabilities;
import org.cinderemu.common.rpc.messages.scheduler.WorkCleanup;

/**
 * Client side of the scheduler RPC API (cinder/scheduler/rpcapi.py). Every message goes to topic
 * {@code cinder-scheduler} without a server, so any one scheduler takes it; capability reports are
 * fanouts to all schedulers. The messages themselves are the records of {@code rpc.messages.scheduler}.
 *
 * <p>API version history (as Cinder's): 3.0 - Remove 2.x compatibility; 3.1 - create_group;
 * 3.2 - extend_volume; 3.3 - migrate_volume takes a backend; 3.4 - work_cleanup/do_cleanup;
 * 3.5 - notify_service_capabilities; 3.6 - removes create_consistencygroup; 3.7 - set/get_log_levels;
 * 3.8 - validate_host_capacity; 3.9 - create_snapshot; 3.10 - manage_existing_snapshot;
 * 3.11 - extend_volume takes request_spec; 3.12 - create_backup.
 */
public final class SchedulerRpcApi {

  private static final Target ANY_SCHEDULER = Target.topic(ServiceTopic.SCHEDULER.topic());

  private final RpcClient client;

  public SchedulerRpcApi(RpcClient client) {
    this.client = client;
  }

  public Future<Void> createVolume(RequestContext ctx, Volume volume, JsonObject requestSpec,
      JsonObject filterProperties) {
    return createVolume(ctx, volume, requestSpec, filterProperties, null);
  }

  /** The create_volume cast of a volume restored from a backup: {@code backup_id} names the source (3.47). */
  public Future<Void> createVolume(RequestContext ctx, Volume volume, JsonObject requestSpec,
      JsonObject filterProperties, String backupId) {
    return client.cast(ANY_SCHEDULER, ctx,
        new CreateVolume(volume.snapshotId(), null, requestSpec, filterProperties, volume, backupId));
  }

  /** A reschedule from a volume service: the same cast, with the retry history in filter_properties. */
  public Future<Void> rescheduleVolume(RequestContext ctx, Volume volume, JsonObject requestSpec,
      JsonObject filterProperties) {
    return createVolume(ctx, volume, requestSpec, filterProperties);
  }

  public Future<JsonArray> getPools(RequestContext ctx, JsonObject filters) {
    return client.call(ANY_SCHEDULER, ctx, new GetPools(filters))
        .map(r -> r instanceof JsonArray a ? a : new JsonArray());
  }

  public Future<Void> extendVolume(RequestContext ctx, Volume volume, int newSize, JsonObject requestSpec,
      JsonObject filterProperties) {
    return client.cast(ANY_SCHEDULER, ctx,
        new ExtendVolume(volume, newSize, new JsonArray(), requestSpec, filterProperties));
  }

  public Future<Void> migrateVolume(RequestContext ctx, Volume volume, String backend, boolean forceCopy,
      JsonObject requestSpec, JsonObject filterProperties) {
    return client.cast(ANY_SCHEDULER, ctx,
        new MigrateVolume(requestSpec, filterProperties, volume, backend, forceCopy));
  }

  /** The services a cleanup was sent for, and those with no live service to do it. */
  public record CleanupAnswer(List<Service> cleaning, List<Service> unavailable) {

    /** The call's reply: a pair of ServiceList primitives, as Cinder's tuple is serialized. */
    public Object toReply() {
      return new JsonArray().add(serviceList(cleaning)).add(serviceList(unavailable));
    }

    public static CleanupAnswer fromReply(Object reply) {
      if (!(reply instanceof JsonArray pair) || pair.size() != 2) {
        throw new IllegalArgumentException("work_cleanup: expected a pair of service lists, got " + reply);
      }
      return new CleanupAnswer(services(pair.getJsonObject(0)), services(pair.getJsonObject(1)));
    }

    private static JsonObject serviceList(List<Service> services) {
      JsonArray objects = new JsonArray();
      services.forEach(s -> objects.add(VersionedObjects.toPrimitive(s)));
      return VersionedObjects.primitive("ServiceList", SERVICE_LIST_VERSION, new JsonObject().put("objects", objects),
          null);
    }

    private static List<Service> services(JsonObject serviceList) {
      List<Service> out = new ArrayList<>();
      JsonArray objects = VersionedObjects.data(serviceList, "ServiceList").getJsonArray("objects", new JsonArray());
      objects.forEach(o -> out.add(VersionedObjects.toService((JsonObject) o)));
      return out;
    }
  }

  private static final String SERVICE_LIST_VERSION = "1.1";

  /** {@code POST /workers/cleanup}: a call, so the API can answer which services are being cleaned. */
  public Future<CleanupAnswer> workCleanup(RequestContext ctx, CleanupRequest request) {
    return client.call(ANY_SCHEDULER, ctx, new WorkCleanup(request)).map(CleanupAnswer::fromReply);
  }

  /** A scheduler service's rows are cleaned by whichever scheduler takes this cast. */
  public Future<Void> doCleanup(RequestContext ctx, CleanupRequest request) {
    return client.cast(ANY_SCHEDULER, ctx, new DoCleanup(request));
  }

  public Future<Void> createBackup(RequestContext ctx, Backup backup) {
    return client.cast(ANY_SCHEDULER, ctx, new CreateBackup(backup));
  }

  /** The periodic capability report of a volume or backup service, fanned out to every scheduler. */
  public Future<Void> updateServiceCapabilities(RequestContext ctx, String serviceName, String host,
      JsonObject capabilities, String clusterName, String timestamp) {
    return client.cast(ServiceTopic.SCHEDULER.fanout(), ctx,
        new UpdateServiceCapabilities(serviceName, host, capabilities, clusterName, timestamp));
  }

  /** Sent right after every capability fanout (Cinder uses it for capacity notifications). */
  public Future<Void> notifyServiceCapabilities(RequestContext ctx, String serviceName, String backend,
      JsonObject capabilities, String timestamp) {
    return client.cast(ANY_SCHEDULER, ctx,
        new NotifyServiceCapabilities(serviceName, capabilities, backend, timestamp));
  }
}
