package org.cinderemu.scheduler;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.cinderemu.common.admin.ProcessMetrics;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.ServiceRepository;
import org.cinderemu.common.objects.Backup;
import org.cinderemu.common.objects.UserMessage;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.Worker;
import org.cinderemu.common.objects.fields.BackupStatus;
import org.cinderemu.common.objects.fields.VolumeMigrationStatus;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.RpcDispatcher;
import org.cinderemu.common.rpc.api.BackupRpcApi;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.SchedulerRpcApi.CleanupAnswer;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.rpc.messages.scheduler.DoCleanup;
import org.cinderemu.common.rpc.messages.scheduler.WorkCleanup;
import org.cinderemu.common.rpc.messages.scheduler.CreateBackup;
import org.cinderemu.common.rpc.messages.scheduler.CreateVolume;
import org.cinderemu.common.rpc.messages.scheduler.ExtendVolume;
import org.cinderemu.common.rpc.messages.scheduler.GetPools;
import org.cinderemu.common.rpc.messages.scheduler.MigrateVolume;
import org.cinderemu.common.rpc.messages.scheduler.NotifyServiceCapabilities;
import org.cinderemu.common.rpc.messages.scheduler.UpdateServiceCapabilities;
import org.cinderemu.scheduler.state.ActiveVolumeService;
import org.cinderemu.scheduler.state.HostManager;
import org.cinderemu.scheduler.state.PoolState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server side of the scheduler RPC API (cinder/scheduler/manager.py): places volumes with the
 * FilterScheduler, checks capacity for extend and migrate, picks backup hosts, and keeps the
 * HostManager fed by capability fanouts.
 */
public final class SchedulerManager {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerManager.class);

  private final Vertx vertx;
  private final Database db;
  private final HostManager hostManager;
  private final FilterScheduler scheduler;
  private final BackupHostChooser backupChooser;
  private final VolumeRpcApi volumeRpc;
  private final BackupRpcApi backupRpc;
  private final Duration serviceDownTime;
  private final WorkersCleanup cleanups;
  private final int serviceId;
  private final Promise<Void> ready = Promise.promise();
  private final SchedulerMetrics metrics = new SchedulerMetrics(ProcessMetrics.current().registry());

  public SchedulerManager(Vertx vertx, Database db, SchedulerOptions options, VolumeRpcApi volumeRpc,
      BackupRpcApi backupRpc, SchedulerRpcApi schedulerRpc, int serviceId, Duration serviceDownTime) {
    this.vertx = vertx;
    this.db = db;
    this.hostManager = new HostManager(options);
    this.scheduler = new FilterScheduler(hostManager);
    hostManager.onFilterRejections(metrics::rejected);
    this.backupChooser = new BackupHostChooser(hostManager, RandomGenerator.getDefault());
    this.volumeRpc = volumeRpc;
    this.backupRpc = backupRpc;
    this.serviceDownTime = serviceDownTime;
    this.serviceId = serviceId;
    this.cleanups = new WorkersCleanup(db, volumeRpc, schedulerRpc, serviceDownTime);
  }

  public HostManager hostManager() {
    return hostManager;
  }

  public RpcDispatcher dispatcher() {
    return new RpcDispatcher(ServiceTopic.SCHEDULER.apiVersion())
        .register(CreateVolume.METHOD, CreateVolume::fromArgs, this::createVolume)
        .register(GetPools.METHOD, GetPools::fromArgs, this::getPools)
        .register(UpdateServiceCapabilities.METHOD, UpdateServiceCapabilities::fromArgs,
            this::updateServiceCapabilities)
        .register(NotifyServiceCapabilities.METHOD, NotifyServiceCapabilities::fromArgs,
            (ctx, report) -> Future.succeededFuture())
        .register(ExtendVolume.METHOD, ExtendVolume::fromArgs, this::extendVolume)
        .register(MigrateVolume.METHOD, MigrateVolume::fromArgs, this::migrateVolume)
        .register(CreateBackup.METHOD, CreateBackup::fromArgs, this::createBackup)
        .register(WorkCleanup.METHOD, WorkCleanup::fromArgs,
            (ctx, m) -> cleanups.workCleanup(ctx, m.cleanupRequest()).map(CleanupAnswer::toReply))
        .register(DoCleanup.METHOD, DoCleanup::fromArgs, (ctx, m) -> cleanups.doCleanup(serviceId,
            m.cleanupRequest()));
  }

  /**
   * init_host_with_rpc: ask every volume and backup service for a report, then consider the scheduler
   * ready once each up, enabled, unfrozen backend has reported, or after {@code waitTime}.
   */
  public Future<Void> startUp(Duration waitTime) {
    RequestContext ctx = RequestContext.admin();
    long deadline = System.currentTimeMillis() + waitTime.toMillis();
    volumeRpc.publishServiceCapabilities(ctx)
        .compose(v -> backupRpc.publishServiceCapabilities(ctx))
        .onFailure(e -> LOG.warn("publish_service_capabilities fanout failed: {}", e.getMessage()))
        .onComplete(ar -> pollReady(deadline));
    return Future.succeededFuture();
  }

  private void pollReady(long deadline) {
    activeVolumeServices().onComplete(ar -> {
      boolean allReported = ar.succeeded() && hostManager.notYetReported(ar.result()).isEmpty();
      if (allReported || System.currentTimeMillis() >= deadline) {
        if (!allReported) {
          LOG.warn("scheduler ready without reports from every backend (waited scheduler_driver_init_wait_time)");
        }
        ready.tryComplete();
      } else {
        vertx.timer(200).onSuccess(v -> pollReady(deadline));
      }
    });
  }

  public Future<Void> ready() {
    return ready.future();
  }

  /**
   * Up, enabled, unfrozen volume services, as _update_backend_state_map reads them; a cluster member is
   * enabled and unfrozen when its cluster is (docs/cinder-reference.md §9.2).
   */
  private Future<List<ActiveVolumeService>> activeVolumeServices() {
    Future<Map<String, org.cinderemu.common.objects.Cluster>> clusters = db.clusters()
        .list(null, ServiceTopic.VOLUME.topic(), serviceDownTime)
        .map(list -> {
          Map<String, org.cinderemu.common.objects.Cluster> byName = new LinkedHashMap<>();
          list.forEach(c -> byName.put(c.name(), c));
          return byName;
        });
    return clusters.compose(byName -> db.services().listByTopic(ServiceTopic.VOLUME.topic()).map(services -> services.stream()
        .filter(s -> {
          var c = s.clusterName() == null ? null : byName.get(s.clusterName());
          return c != null ? !c.disabled() && !c.frozen() : !s.disabled() && !s.frozen();
        })
        .filter(s -> ServiceRepository.isUp(s, db.now(), serviceDownTime))
        .map(s -> new ActiveVolumeService(s.host(), s.clusterName(), s.availabilityZone()))
        .toList()));
  }

  private Future<Void> updateServiceCapabilities(RequestContext ctx, UpdateServiceCapabilities report) {
    hostManager.updateServiceCapabilities(report.serviceName(), report.host(), report.clusterName(),
        report.capabilities(), report.timestamp());
    return Future.succeededFuture();
  }

  private Future<JsonArray> getPools(RequestContext ctx, GetPools message) {
    JsonObject filters = message.filters() == null ? new JsonObject() : message.filters();
    Object typeFilter = filters.getValue("volume_type");
    Future<JsonObject> specs = typeFilter == null ? Future.succeededFuture(null)
        : db.volumeTypes().findByNameOrId(String.valueOf(typeFilter))
            .map(t -> t.map(type -> new JsonObject(new LinkedHashMap<>(type.extraSpecs()))).orElse(new JsonObject()));
    return ready.future().compose(v -> specs).compose(extraSpecs -> activeVolumeServices()
        .map(active -> new JsonArray(List.copyOf(hostManager.getPools(active, filters, extraSpecs)))));
  }

  private Future<Void> createVolume(RequestContext ctx, CreateVolume message) {
    Volume sent = message.volume();
    JsonObject requestSpec = message.requestSpec();
    JsonObject filterProperties = message.filterProperties();
    RequestSpecView spec = new RequestSpecView(requestSpec);
    return ready.future().compose(v -> db.volumes().get(sent.id())).compose(volume -> {
      if (!VolumeStatus.CREATING.is(volume.status())) {
        LOG.info("create_volume {}: volume is {} now, nothing to schedule", volume.id(),
            volume.status());
        return Future.<Void>succeededFuture();
      }
      SchedulingRequest request = SchedulingRequest.forVolume(volume.id(), volume.size())
          .availabilityZones(spec.availabilityZones())
          .availabilityZone(volume.availabilityZone())
          .extraSpecs(spec.extraSpecs())
          .resourceBackend(spec.resourceBackend())
          .multiattach(spec.multiattach())
          .filterProperties(filterProperties)
          .build();
      long start = System.nanoTime();
      // Cinder's set_workers: the volume's workers row is this scheduler's while it places it
      return db.workers().add(Worker.VOLUME, volume.id(), volume.status(), serviceId)
          .compose(w -> activeVolumeServices())
          .compose(active -> {
            ScheduleResult result = scheduler.selectBackend(active, request);
            return place(ctx, volume, result, requestSpec, spec);
          })
          .onComplete(ar -> metrics.decision("create_volume", ar.succeeded() ? SchedulerMetrics.SCHEDULED
              : ar.cause() instanceof NoValidBackend ? SchedulerMetrics.NO_VALID_BACKEND : SchedulerMetrics.FAILED,
              System.nanoTime() - start))
          .recover(e -> e instanceof NoValidBackend nvb ? noValidBackend(ctx, volume, nvb)
              : Future.failedFuture(e));
    });
  }

  private Future<Void> place(RequestContext ctx, Volume volume, ScheduleResult result, JsonObject requestSpec,
      RequestSpecView spec) {
    PoolState pool = result.pool();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("host", pool.host());
    values.put("cluster_name", pool.clusterName());
    values.put("availability_zone", pool.availabilityZone());
    values.put("scheduled_at", db.now());
    return db.volumes().conditionalUpdate(volume.id(), Map.of("status", VolumeStatus.CREATING.wire()), values)
        .compose(applied -> applied ? db.volumes().get(volume.id()) : Future.failedFuture(
            new IllegalStateException("volume " + volume.id() + " left 'creating' while being scheduled")))
        .compose(placed -> {
          LOG.info("volume {} scheduled to {}", placed.id(), placed.host());
          return volumeRpc.createVolume(ctx, placed, RequestSpecView.withGlanceMetadata(requestSpec),
              filterPropertiesForVolume(result.filterProperties(), requestSpec, spec, placed), true);
        });
  }

  // the keys _schedule adds to filter_properties, in the order a real Cinder sends them
  private static JsonObject filterPropertiesForVolume(JsonObject scheduled, JsonObject requestSpec,
      RequestSpecView spec, Volume v) {
    JsonObject out = new JsonObject();
    if (scheduled.containsKey("retry")) {
      out.put("retry", scheduled.getValue("retry"));
    }
    scheduled.forEach(e -> out.put(e.getKey(), e.getValue()));
    // the scheduler's request_spec dict also carries resource_properties (= volume_properties)
    JsonObject plainSpec = (JsonObject) RequestSpecView.plain(requestSpec);
    plainSpec.put("resource_properties", plainSpec.getValue("volume_properties"));
    out.put("request_spec", plainSpec);
    out.put("config_options", new JsonObject());
    out.put("volume_type", spec.volumeType());
    out.put("resource_type", spec.volumeType());
    out.put("size", v.size());
    out.put("availability_zone", v.availabilityZone());
    out.put("user_id", v.userId());
    out.put("metadata", new JsonObject(new LinkedHashMap<>(v.metadata())));
    out.put("qos_specs", null);
    return out;
  }

  private Future<Void> noValidBackend(RequestContext ctx, Volume volume, NoValidBackend e) {
    LOG.warn("failed to schedule volume {}: {}", volume.id(), e.getMessage());
    return db.volumes().updateStatus(volume.id(), List.of(VolumeStatus.CREATING.wire()), VolumeStatus.ERROR.wire(),
            Map.of())
        .compose(v -> db.workers().remove("Volume", volume.id()))
        .compose(v -> userMessage(ctx, volume, "001", "003"));
  }

  // user messages (docs/cinder-reference.md §6.7): action 001 "schedule allocate volume", detail 003 "no weighted
  // backend"
  private Future<Void> userMessage(RequestContext ctx, Volume volume, String action, String detail) {
    return db.messages().create(new UserMessage(UUID.randomUUID().toString(), volume.projectId(), ctx.requestId(),
            "VOLUME", volume.id(), "VOLUME_VOLUME_" + action + "_" + detail, detail, "ERROR",
            db.now().plusDays(30), db.now()))
        .<Void>mapEmpty()
        .recover(err -> {
          LOG.warn("could not record the user message: {}", err.getMessage());
          return Future.succeededFuture();
        });
  }

  private Future<Void> extendVolume(RequestContext ctx, ExtendVolume message) {
    Volume volume = message.volume();
    int newSize = message.newSize();
    RequestSpecView spec = new RequestSpecView(message.requestSpec());
    return ready.future().compose(v -> db.volumes().get(volume.id())).compose(current -> {
      SchedulingRequest request = SchedulingRequest.forVolume(current.id(), current.size())
          .newSize((long) newSize)
          .availabilityZone(current.availabilityZone())
          .extraSpecs(spec.extraSpecs().isEmpty() ? typeSpecs(current) : toMap(spec.extraSpecs()))
          .filterProperties(message.filterProperties())
          .build();
      return activeVolumeServices()
          .map(active -> scheduler.backendPassesFilters(active, current.host(), request))
          .compose(pool -> {
            pool.consumeFromVolume(newSize - current.size());
            return volumeRpc.extendVolume(ctx, current, newSize);
          })
          .recover(e -> {
            if (!(e instanceof NoValidBackend)) {
              return Future.failedFuture(e);
            }
            LOG.warn("extend of volume {} refused: {}", current.id(), e.getMessage());
            String back = current.previousStatus() == null ? VolumeStatus.AVAILABLE.wire() : current.previousStatus();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("previous_status", null);
            return db.volumes().updateStatusReleasingGigabytes(current, List.of(VolumeStatus.EXTENDING.wire()), back,
                    values, newSize - current.size())
                .compose(x -> userMessage(ctx, current, "003", "003"));
          });
    });
  }

  private Future<Void> migrateVolume(RequestContext ctx, MigrateVolume message) {
    Volume volume = message.volume();
    String backend = message.backend();
    boolean forceCopy = message.forceCopy();
    return ready.future().compose(v -> db.volumes().get(volume.id())).compose(current -> {
      SchedulingRequest request = SchedulingRequest.forVolume(current.id(), current.size())
          .availabilityZone(null)
          .extraSpecs(typeSpecs(current))
          .filterProperties(message.filterProperties())
          .build();
      return activeVolumeServices()
          .map(active -> scheduler.backendPassesFilters(active, backend, request))
          .compose(pool -> {
            return volumeRpc.migrateVolume(ctx, current, pool.toHostDict(), forceCopy);
          })
          .recover(e -> {
            if (!(e instanceof NoValidBackend)) {
              return Future.failedFuture(e);
            }
            LOG.warn("migration of volume {} to {} refused: {}", current.id(), backend,
                e.getMessage());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("migration_status", VolumeMigrationStatus.ERROR.wire());
            if (VolumeStatus.MAINTENANCE.is(current.status())) {
              values.put("status", current.previousStatus() == null ? VolumeStatus.AVAILABLE.wire()
                  : current.previousStatus());
            }
            return db.volumes().update(current.id(), values).mapEmpty();
          });
    });
  }

  private static Map<String, String> toMap(JsonObject specs) {
    Map<String, String> out = new LinkedHashMap<>();
    specs.forEach(e -> out.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue())));
    return out;
  }

  private static Map<String, String> typeSpecs(Volume v) {
    return v.volumeType() == null ? Map.of() : v.volumeType().extraSpecs();
  }

  /** Zed's create_backup: the scheduler picks the backup host (docs/cinder-reference.md §1.6), then casts to it. */
  private Future<Void> createBackup(RequestContext ctx, CreateBackup message) {
    Backup sent = message.backup();
    return db.backups().get(sent.id()).compose(backup -> db.volumes().get(backup.volumeId())
        .compose(volume -> db.services().listByTopic(ServiceTopic.BACKUP.topic()).compose(backupServices -> {
          var chosen = backupChooser.chooseForCreate(volume.host(), volume.availabilityZone(),
              (host, az) -> backupServices.stream().anyMatch(s -> s.host().equals(host) && !s.disabled()
                  && ServiceRepository.isUp(s, db.now(), serviceDownTime)
                  && (az == null || az.isEmpty() || az.equals(s.availabilityZone()))));
          if (chosen.isEmpty()) {
            return backupServiceNotFound(ctx, backup, volume);
          }
          return db.backups().update(backup.id(), Map.of("host", chosen.get()))
              .compose(v -> db.backups().get(backup.id()))
              .compose(b -> {
                LOG.info("backup {} of volume {} goes to cinder-backup.{}", b.id(),
                    volume.id(), b.host());
                return backupRpc.createBackup(ctx, b);
              });
        })));
  }

  private Future<Void> backupServiceNotFound(RequestContext ctx, Backup backup, Volume volume) {
    LOG.warn("no backup service for backup {} of volume {}", backup.id(), volume.id());
    String back = volume.previousStatus() == null ? VolumeStatus.AVAILABLE.wire() : volume.previousStatus();
    Map<String, Object> volumeValues = new LinkedHashMap<>();
    volumeValues.put("previous_status", VolumeStatus.BACKING_UP.wire());
    Map<String, Object> backupValues = new LinkedHashMap<>();
    backupValues.put("fail_reason", "Service not found for creating backup.");
    return db.volumes().updateStatus(volume.id(), List.of(VolumeStatus.BACKING_UP.wire()), back, volumeValues)
        .compose(v -> db.backups().updateStatus(backup.id(), List.of(BackupStatus.CREATING.wire()),
            BackupStatus.ERROR.wire(), backupValues))
        .compose(v -> userMessage(ctx, volume, "010", "024"));
  }

}
