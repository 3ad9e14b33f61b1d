package org.cinderemu.scheduler;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.db.ClusterRepository;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.db.ServiceRepository;
import org.cinderemu.common.host.HostString;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.objects.Cluster;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.fields.VolumeStatus;
import org.cinderemu.common.rpc.RequestContext;
import org.cinderemu.common.rpc.api.SchedulerRpcApi;
import org.cinderemu.common.rpc.api.SchedulerRpcApi.CleanupAnswer;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.cinderemu.common.rpc.api.VolumeRpcApi;
import org.cinderemu.common.service.WorkerCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's {@code work_cleanup} and {@code do_cleanup} (docs/cinder-reference.md §9.2): the services
 * matching the request each get a {@code do_cleanup}, a scheduler's to any scheduler, a volume service's to its
 * cluster when clustered (sent when any member is up) or to itself (sent when it is up); the others are
 * answered as unavailable. Without {@code is_up} in the request only services that are down match.
 */
final class WorkersCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(WorkersCleanup.class);

  private final Database db;
  private final VolumeRpcApi volumeRpc;
  private final SchedulerRpcApi schedulerRpc;
  private final Duration serviceDownTime;

  WorkersCleanup(Database db, VolumeRpcApi volumeRpc, SchedulerRpcApi schedulerRpc, Duration serviceDownTime) {
    this.db = db;
    this.volumeRpc = volumeRpc;
    this.schedulerRpc = schedulerRpc;
    this.serviceDownTime = serviceDownTime;
  }

  Future<CleanupAnswer> workCleanup(RequestContext ctx, CleanupRequest request) {
    LocalDateTime until = request.until() != null ? request.until() : db.now();
    Future<List<Cluster>> clusters = db.clusters().list(null, null, serviceDownTime);
    return db.services().list().compose(all -> clusters.compose(known -> {
      LocalDateTime now = db.now();
      Map<String, Cluster> byName = new HashMap<>();
      known.forEach(c -> byName.put(c.binary() + " " + c.name(), c));
      List<Service> cleaning = new ArrayList<>();
      List<Service> unavailable = new ArrayList<>();
      Future<Void> sends = Future.succeededFuture();
      for (Service s : all) {
        if (!matches(request, s, now)) {
          continue;
        }
        CleanupRequest one = request.forService(s, until);
        boolean scheduler = ServiceTopic.SCHEDULER.topic().equals(s.binary());
        boolean reachable;
        String destination;
        if (scheduler) {
          reachable = true;
          destination = s.host();
        } else if (s.clusterName() != null && !s.clusterName().isEmpty()) {
          Cluster c = byName.get(s.binary() + " " + s.clusterName());
          reachable = c != null && ClusterRepository.isUp(c, now, serviceDownTime);
          destination = s.clusterName();
        } else {
          reachable = ServiceRepository.isUp(s, now, serviceDownTime);
          destination = s.host();
        }
        if (reachable) {
          LOG.info("sending cleanup for {} {}", s.binary(), destination);
          cleaning.add(s);
          sends = sends.compose(v -> scheduler ? schedulerRpc.doCleanup(ctx, one) : volumeRpc.doCleanup(ctx, one));
        } else {
          LOG.info("no service available to clean up {} {}", s.binary(), destination);
          unavailable.add(s);
        }
      }
      return sends.map(v -> new CleanupAnswer(cleaning, unavailable));
    }));
  }

  /** Cinder's service filters: ids and flags exactly, host and cluster_name by host level. */
  private boolean matches(CleanupRequest r, Service s, LocalDateTime now) {
    return (r.serviceId() == null || r.serviceId().equals(s.id()))
        && (r.clusterName() == null || (s.clusterName() != null && HostString.matches(r.clusterName(),
            s.clusterName())))
        && (r.host() == null || HostString.matches(r.host(), s.host()))
        && (r.binary() == null || r.binary().equals(s.binary()))
        && (r.isUp() == null || r.isUp() == ServiceRepository.isUp(s, now, serviceDownTime))
        && (r.disabled() == null || r.disabled() == s.disabled());
  }

  /** A scheduler's own rows: a volume it was placing goes to error (docs/cinder-reference.md §5.4). */
  Future<Void> doCleanup(int claimerServiceId, CleanupRequest request) {
    return new WorkerCleanup(db, claimerServiceId, vol -> VolumeStatus.CREATING.is(vol.status())
        ? db.volumes().updateStatus(vol.id(), List.of(vol.status()), VolumeStatus.ERROR.wire(), Map.of()).map(false)
        : Future.succeededFuture(false))
        .run(request).mapEmpty();
  }
}
