package org.cinderemu.api.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinderemu.api.http.ApiContext;
import org.cinderemu.api.http.ApiException;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.ListQuery;
import org.cinderemu.common.db.MarkerNotFoundException;
import org.cinderemu.common.db.QuotaExceededException;
import org.cinderemu.common.db.ServiceRepository;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.QuotaUsage;
import org.cinderemu.common.objects.RequestSpecs;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.VolumeType;
import org.cinderemu.common.rpc.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller side of volume operations (cinder/volume/api.py): validation, state checks, quota and the
 * database write happen here, then exactly one RPC goes out through the typed stubs. A refused request
 * leaves no row and no quota behind.
 */
public final class VolumeApi {

  private static final Logger LOG = LoggerFactory.getLogger(VolumeApi.class);
  private static final String VOLUME_TOPIC = org.cinderemu.common.rpc.api.ServiceTopic.VOLUME.topic();
  private static final String WORKER_TYPE = "Volume";
  private static final String TYPE_AZ_SPEC = "RESKEY:availability_zones";

  private final ApiEnvironment env;
  private final Database db;
  private final TypeApi types;

  public VolumeApi(ApiEnvironment env, TypeApi types) {
    this.env = env;
    this.db = env.db();
    this.types = types;
  }

  // ---- create ----

  public Future<Volume> create(ApiContext ctx, VolumeCreateRequest req) {
    if (req.backupId() == null) {
      return createChecked(ctx, req);
    }
    return sourceBackup(req.backupId()).compose(backup -> {
      // Cinder's _extract_size: a restore defaults to the backup's size and may not be smaller
      VolumeCreateRequest sized = req.size() == null ? req.withSize(backup.size()) : req;
      if (sized.size() != null && backup.size() != null && sized.size() < backup.size()) {
        return Future.failedFuture(ApiException.invalidInput("Volume size " + sized.size() + "GB cannot be "
            + "smaller than the backup size " + backup.size() + "GB. It must be >= backup size."));
      }
      return createChecked(ctx, sized);
    });
  }

  /** The backup a volume is created from: it must exist and be {@code available}. */
  private Future<Backup> sourceBackup(String backupId) {
    return db.backups().find(backupId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiException.notFound("Backup " + backupId + " could not be found."));
      }
      if (!"available".equals(found.get().status())) {
        return Future.failedFuture(ApiException.badRequest("Invalid backup: Backup status must be available"));
      }
      return Future.succeededFuture(found.get());
    });
  }

  private Future<Volume> createChecked(ApiContext ctx, VolumeCreateRequest req) {
    Integer size = req.size();
    if (size == null) {
      return Future.failedFuture(ApiException.invalidInput("Volume size 'None' must be an integer and greater "
          + "than 0"));
    }
    if (size <= 0) {
      return Future.failedFuture(ApiException.invalidInput("Invalid volume size provided for create request: "
          + size + " (size argument must be an integer (or string representation of an integer) and greater "
          + "than zero)."));
    }
    Future<VolumeType> type = req.volumeType() != null && !req.volumeType().isEmpty()
        ? types.getByNameOrId(req.volumeType()) : types.defaultType();
    return type.compose(t -> availabilityZones(req.availabilityZone(), t).compose(zones ->
        checkPerVolumeLimit(ctx.projectId(), size)
            .compose(v -> consumeQuota(ctx.projectId(), Map.of(QuotaUsage.VOLUMES, 1, QuotaUsage.GIGABYTES, size),
                size))
            .compose(v -> insertAndSchedule(ctx, req, t, zones))));
  }

  private Future<Volume> insertAndSchedule(ApiContext ctx, VolumeCreateRequest req, VolumeType type,
      List<String> zones) {
    Volume row = Volume.builder()
        .userId(ctx.userId())
        .projectId(ctx.projectId())
        .useQuota(true)
        .size(req.size())
        .availabilityZone(zones.size() == 1 ? zones.get(0) : null)
        .status("creating")
        .attachStatus("detached")
        .displayName(req.name())
        .displayDescription(req.description())
        .volumeTypeId(type.id())
        .multiattach("<is> True".equals(type.extraSpecs().get("multiattach")))
        .metadata(req.metadata())
        .build();
    Map<String, Integer> quota = quotaOf(row);
    Future<Volume> inserted = db.volumes().insert(row)
        .recover(e -> env.quotas().release(ctx.projectId(), quota).transform(x -> Future.failedFuture(e)));
    return inserted.compose(volume -> db.workers().add(WORKER_TYPE, volume.id(), "creating", null)
        .compose(w -> {
          JsonObject filterProperties = new JsonObject();
          if (req.schedulerHints() != null && !req.schedulerHints().isEmpty()) {
            filterProperties.put("scheduler_hints", req.schedulerHints());
          }
          JsonObject spec = RequestSpecs.forVolume(volume, type, zones, req.backupId());
          return env.scheduler().createVolume(rpc(ctx), volume, spec, filterProperties, req.backupId())
              .onSuccess(v -> LOG.info("[{}] Create volume {} request issued successfully.", ctx.requestId(),
                  volume.id()));
        })
        // like Cinder's VolumeCastTask revert: a volume that could not be handed on is put in error
        .recover(e -> db.volumes().update(volume.id(), Map.of("status", "error"))
            .transform(x -> Future.failedFuture(e)))
        .map(v -> volume));
  }

  /**
   * Cinder's {@code _extract_availability_zones}: the requested zone (or the default) must be one of the
   * volume services' zones or storage_availability_zone; a type's {@code RESKEY:availability_zones}
   * narrows them.
   */
  private Future<List<String>> availabilityZones(String requested, VolumeType type) {
    return listAvailabilityZones().compose(zones -> {
      Set<String> known = new LinkedHashSet<>(zones.keySet());
      known.add(env.options().storageAvailabilityZone());
      List<String> safe = new ArrayList<>(known);
      String typeZones = type.extraSpecs().get(TYPE_AZ_SPEC);
      boolean typeConfigured = typeZones != null;
      if (typeConfigured) {
        List<String> wanted = new ArrayList<>();
        for (String z : typeZones.split(",")) {
          if (!z.isBlank()) {
            wanted.add(z.strip());
          }
        }
        safe = wanted.stream().filter(known::contains).distinct().toList();
        if (safe.isEmpty()) {
          return Future.failedFuture(ApiException.badRequest("Availability zones " + wanted
              + " are invalid for the volume type."));
        }
      }
      String az = requested;
      if (az == null && !typeConfigured) {
        az = env.options().fallbackAvailabilityZone();
      }
      if (az != null && !safe.contains(az)) {
        if (!env.options().allowAvailabilityZoneFallback()) {
          return Future.failedFuture(ApiException.badRequest("Availability zone '" + az + "' is invalid."));
        }
        LOG.warn("Availability zone '{}' not found, falling back to '{}'", az,
            env.options().fallbackAvailabilityZone());
        az = env.options().fallbackAvailabilityZone();
      }
      return Future.succeededFuture(az != null ? List.of(az) : safe);
    });
  }

  /**
   * Zones of the volume services, each available unless all its services are disabled (Cinder's
   * {@code list_availability_zones}), in the order the services were registered.
   */
  public Future<Map<String, Boolean>> listAvailabilityZones() {
    return db.services().listByTopic(VOLUME_TOPIC).map(services -> {
      Map<String, Boolean> zones = new LinkedHashMap<>();
      for (Service s : services) {
        if (s.availabilityZone() != null) {
          zones.merge(s.availabilityZone(), !s.disabled(), Boolean::logicalOr);
        }
      }
      return zones;
    });
  }

  private Future<Void> checkPerVolumeLimit(String projectId, int size) {
    return env.quotas().usage(projectId).compose(usage -> {
      QuotaUsage perVolume = usage.get(ApiOptions.PER_VOLUME_GIGABYTES);
      if (perVolume != null && !perVolume.unlimited() && size > perVolume.limit()) {
        return Future.failedFuture(ApiException.overLimit("Requested volume size " + size
            + "G is larger than maximum allowed limit " + perVolume.limit() + "G.", 0));
      }
      return Future.succeededFuture();
    });
  }

  /** Consumes quota, turning the repository's refusal into Cinder's 413 text. */
  private Future<Void> consumeQuota(String projectId, Map<String, Integer> deltas, int requestedGb) {
    // Cinder reports the first exceeded resource in reservation order: volumes, then gigabytes
    Map<String, Integer> ordered = new LinkedHashMap<>();
    for (String r : List.of(QuotaUsage.VOLUMES, QuotaUsage.GIGABYTES)) {
      if (deltas.containsKey(r)) {
        ordered.put(r, deltas.get(r));
      }
    }
    deltas.forEach(ordered::putIfAbsent);
    return env.quotas().consume(projectId, ordered).recover(e -> Future.failedFuture(
        e instanceof QuotaExceededException q ? overQuota(q, requestedGb) : e));
  }

  static ApiException overQuota(QuotaExceededException q, int requestedGb) {
    if (q.resource().contains("gigabytes")) {
      return ApiException.overLimit("Requested volume or snapshot exceeds allowed " + q.resource()
          + " quota. Requested " + requestedGb + "G, quota is " + q.limit() + "G and " + q.consumed()
          + "G has been consumed.", 0);
    }
    return ApiException.overLimit("Maximum number of volumes allowed (" + q.limit() + ") exceeded for quota '"
        + q.resource() + "'.", 0);
  }

  private static Map<String, Integer> quotaOf(Volume v) {
    Map<String, Integer> q = new LinkedHashMap<>();
    q.put(QuotaUsage.VOLUMES, 1);
    q.put(QuotaUsage.GIGABYTES, v.size() == null ? 0 : v.size());
    return q;
  }

  // ---- read ----

  /** Any live volume by id (every noauth caller is an admin, who sees all projects). */
  public Future<Volume> get(ApiContext ctx, String id) {
    return db.volumes().find(id).compose(v -> v.map(Future::succeededFuture).orElseGet(() ->
        Future.failedFuture(ApiException.notFound("Volume " + id + " could not be found."))));
  }

  /**
   * A page of volumes: the caller's project unless {@code allTenants}; an unknown filter key matches nothing,
   * as in Cinder.
   */
  public Future<List<Volume>> list(ApiContext ctx, VolumeListRequest req) {
    ListQuery q;
    try {
      q = req.toQuery(ctx.projectId(), true);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ApiErrors.translate(e));
    }
    return db.volumes().list(q).recover(e -> listFailure(e, req));
  }

  /** How many volumes the request's filters match ({@code with_count}). */
  public Future<Integer> count(ApiContext ctx, VolumeListRequest req) {
    return db.volumes().count(req.toQuery(ctx.projectId(), false)).recover(e -> listFailure(e, req));
  }

  private static <T> Future<T> listFailure(Throwable e, VolumeListRequest req) {
    if (e instanceof MarkerNotFoundException) {
      return Future.failedFuture(ApiException.notFound("Volume " + req.page().marker() + " could not be found."));
    }
    if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).contains("Invalid filter key")) {
      return Future.failedFuture(new UnknownFilter());
    }
    return Future.failedFuture(ApiErrors.translate(e));
  }

  /** A filter on a column volumes do not have: Cinder answers an empty list. */
  public static final class UnknownFilter extends RuntimeException {
    UnknownFilter() {
      super("unknown filter key", null, false, false);
    }
  }

  // ---- update ----

  /**
   * {@code PUT /volumes/{id}} (volume_api.update): display name and description as given (column names), and
   * when {@code metadata} is not null the user metadata becomes exactly it; not while in maintenance.
   */
  public Future<Volume> update(ApiContext ctx, String id, Map<String, Object> columns, Map<String, String> metadata) {
    return get(ctx, id).compose(volume -> {
      if ("maintenance".equals(volume.status())) {
        return Future.failedFuture(ApiException.badRequest("Invalid volume: The volume cannot be updated during "
            + "maintenance."));
      }
      Future<?> written = columns.isEmpty() ? Future.succeededFuture() : db.volumes().update(volume.id(), columns);
      return ApiErrors.translated(written
          .compose(x -> metadata == null ? Future.succeededFuture() : db.volumes().setMetadata(volume.id(), metadata,
              true))
          .compose(x -> db.volumes().get(volume.id())));
    });
  }

  // ---- delete ----

  /**
   * docs/cinder-reference.md §7.1: a volume never scheduled is destroyed here and its quota given back; otherwise it
   * moves to {@code deleting} with a compare-and-set on its preconditions, then the owning volume service is told.
   */
  public Future<Void> delete(ApiContext ctx, String id, boolean cascade, boolean force) {
    return get(ctx, id).compose(volume -> {
      if (volume.host() == null || volume.host().isEmpty()) {
        Future<Void> release = volume.useQuota() && !"error_managing".equals(volume.status())
            ? env.quotas().release(volume.projectId(), quotaOf(volume)) : Future.succeededFuture();
        return db.volumes().softDelete(volume.id())
            .compose(deleted -> deleted ? release : Future.succeededFuture())
            .compose(v -> db.workers().remove(WORKER_TYPE, volume.id()))
            .<Void>mapEmpty();
      }
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("attach_status", VolumeStates.NOT_ATTACHED);
      expected.put("migration_status", VolumeStates.NOT_MIGRATING);
      expected.put("consistencygroup_id", null);
      expected.put("group_id", null);
      if (!force) {
        expected.put("status", VolumeStates.DELETABLE);
      }
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("status", "error_managing".equals(volume.status()) ? "error_managing_deleting" : "deleting");
      values.put("terminated_at", db.now());
      return db.volumes().conditionalUpdate(volume.id(), expected, values).compose(applied -> {
        if (!applied) {
          String status = force ? "" : "status must be " + String.join(" or ", VolumeStates.DELETABLE) + " and";
          return Future.failedFuture(ApiException.badRequest("Invalid volume: Volume " + status + " must not be "
              + "migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated "
              + "from snapshots after volume transfer."));
        }
        return db.volumes().get(volume.id())
            .compose(deleting -> db.workers().add(WORKER_TYPE, deleting.id(), deleting.status(), null)
                .compose(w -> env.volumes().deleteVolume(rpc(ctx), deleting, false, cascade))
                .onSuccess(v -> LOG.info("[{}] Delete volume {} request issued successfully.", ctx.requestId(),
                    deleting.id())));
      });
    });
  }

  // ---- admin actions ----

  /** {@code os-reset_status}: writes what was given, whatever the current state, and drops the cleanup entry. */
  public Future<Void> resetStatus(ApiContext ctx, String id, String status, String attachStatus,
      String migrationStatus) {
    Map<String, Object> update = new LinkedHashMap<>();
    if (status != null && !status.isEmpty()) {
      update.put("status", check(status, VolumeStates.STATUSES, "status"));
    }
    if (attachStatus != null && !attachStatus.isEmpty()) {
      update.put("attach_status", check(attachStatus, VolumeStates.ATTACH_STATUSES, "attach_status"));
    }
    if (migrationStatus != null && !migrationStatus.isEmpty()) {
      String m = check(migrationStatus, VolumeStates.MIGRATION_STATUSES, "migration_status");
      update.put("migration_status", m.equals("none") ? null : m);
    }
    if (update.isEmpty()) {
      return Future.failedFuture(ApiException.badRequest(
          "Must specify 'status', 'attach_status' or 'migration_status' for update."));
    }
    return get(ctx, id).compose(v -> db.volumes().update(v.id(), update))
        .compose(v -> db.workers().remove(WORKER_TYPE, id)).mapEmpty();
  }

  private static String check(String value, Set<String> allowed, String field) {
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw ApiException.badRequest("Invalid input for field/attribute " + field + ". Value: " + value + ". '"
          + value + "' is not a 'volume_" + field + "'");
    }
    return lower;
  }

  /**
   * {@code os-extend}: new size above the current one, status {@code available} (or {@code in-use} when
   * {@code attached}), quota for the difference, then the scheduler checks the backend's capacity.
   */
  public Future<Void> extend(ApiContext ctx, String id, int newSize, boolean allowAttached) {
    return get(ctx, id).compose(volume -> {
      int increase = newSize - volume.size();
      if (increase <= 0) {
        return Future.failedFuture(ApiException.invalidInput("New size for extend must be greater than current "
            + "size. (current: " + volume.size() + ", extended: " + newSize + ")."));
      }
      String expectedStatus = allowAttached && "in-use".equals(volume.status()) ? "in-use" : "available";
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("status", "extending");
      values.put("previous_status", volume.status());
      return db.volumes().conditionalUpdate(volume.id(), Map.of("status", expectedStatus), values)
          .compose(applied -> {
            if (!applied) {
              return Future.failedFuture(ApiException.badRequest("Invalid volume: Volume " + volume.id()
                  + " status must be " + expectedStatus + " to extend, but current status is: " + volume.status()
                  + "."));
            }
            Map<String, Integer> gb = Map.of(QuotaUsage.GIGABYTES, increase);
            return checkPerVolumeLimit(volume.projectId(), newSize)
                .compose(v -> consumeQuota(volume.projectId(), gb, increase))
                // like Cinder, a refused reservation puts the status back
                .recover(e -> db.volumes().conditionalUpdate(volume.id(), Map.of("status", "extending"),
                        Map.of("status", volume.status())).transform(x -> Future.failedFuture(e)))
                .compose(v -> db.volumes().get(volume.id()))
                .compose(extending -> env.scheduler().extendVolume(rpc(ctx), extending, newSize,
                    RequestSpecs.asDict(extending, extending.volumeType()), new JsonObject()));
          });
    });
  }

  /**
   * {@code os-migrate_volume}: the target must be an enabled, up volume backend other than the current one;
   * the volume available or in-use, not migrating, not replicated, in no group. Sets
   * {@code migration_status=starting}, then the scheduler validates the target and casts the source.
   */
  public Future<Void> migrate(ApiContext ctx, String id, String host, String cluster, boolean forceHostCopy,
      boolean lockVolume) {
    String target = cluster != null ? cluster : host;
    try {
      HostString.validate(target);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ApiException.badRequest(e.getMessage()));
    }
    return get(ctx, id).compose(volume -> targetService(target, cluster != null).compose(svc -> {
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("status", volume.status());
      expected.put("migration_status", VolumeStates.NOT_MIGRATING);
      expected.put("replication_status", VolumeStates.NOT_REPLICATED);
      expected.put("consistencygroup_id", null);
      expected.put("group_id", null);
      String current = cluster != null ? volume.clusterName() : volume.host();
      expected.put(cluster != null ? "cluster_name" : "host", current);
      boolean allowed = List.of("available", "in-use").contains(volume.status()) && !target.equals(current);
      Map<String, Object> updates = new LinkedHashMap<>();
      updates.put("migration_status", "starting");
      updates.put("previous_status", volume.status());
      if (lockVolume && "available".equals(volume.status())) {
        updates.put("status", "maintenance");
      }
      Future<Boolean> applied = allowed ? db.volumes().conditionalUpdate(volume.id(), expected, updates)
          : Future.succeededFuture(false);
      return applied.compose(ok -> {
        if (!ok) {
          return Future.failedFuture(ApiException.badRequest("Invalid volume: Volume " + volume.id() + " status "
              + "must be available or in-use, must not be migrating, have snapshots, be replicated, be part of a "
              + "group and destination host/cluster must be different than the current one"));
        }
        return db.volumes().get(volume.id()).compose(starting -> env.scheduler().migrateVolume(rpc(ctx), starting,
            target, forceHostCopy, RequestSpecs.asDict(starting, starting.volumeType()), new JsonObject()));
      });
    }));
  }

  /** Cinder's {@code _get_service_by_host_cluster}: an enabled, up volume service of that backend. */
  private Future<Service> targetService(String target, boolean isCluster) {
    String backend = HostString.extract(target);
    return db.services().listByTopic(VOLUME_TOPIC).compose(services -> {
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

  private static RequestContext rpc(ApiContext ctx) {
    return RpcContexts.from(ctx);
  }
}
