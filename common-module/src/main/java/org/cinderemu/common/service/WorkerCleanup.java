package org.cinderemu.common.service;

import io.vertx.core.Future;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.db.Database;
import org.cinderemu.common.objects.CleanupRequest;
import org.cinderemu.common.objects.Volume;
import org.cinderemu.common.objects.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cinder's {@code CleanableManager.do_cleanup} (docs/cinder-reference.md §5.4, §9.2): every {@code workers} row of
 * the request's service last touched before {@code until} is claimed with a compare-and-set (so two members
 * never clean the same row), and its resource cleaned when its status is still the recorded one. The row is
 * then removed unless the cleaner keeps it (a resumed delete removes it itself); a failed cleaning gives the
 * row back to its service. Only volumes are cleanable here: the emulator has no snapshots.
 */
public final class WorkerCleanup {

  /** Cleans one volume whose status still matches its row; true keeps the row (the cleaner removes it). */
  @FunctionalInterface
  public interface VolumeCleaner {
    Future<Boolean> clean(Volume volume);
  }

  /** What one run did: the ids of the resources cleaned. */
  public record Outcome(List<String> cleaned) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(WorkerCleanup.class);

  private final Database db;
  private final int claimerServiceId;
  private final VolumeCleaner volumes;

  public WorkerCleanup(Database db, int claimerServiceId, VolumeCleaner volumes) {
    this.db = db;
    this.claimerServiceId = claimerServiceId;
    this.volumes = volumes;
  }

  public Future<Outcome> run(CleanupRequest request) {
    if (request.serviceId() == null) {
      return Future.succeededFuture(new Outcome(List.of()));
    }
    LocalDateTime until = request.until() != null ? request.until() : db.now();
    LOG.info("cleanup of service {} started (work older than {})", request.serviceId(), until);
    List<String> cleaned = new ArrayList<>();
    return db.workers().listForCleanup(request.serviceId(), request.resourceType(), request.resourceId(), until)
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (Worker row : rows) {
            chain = chain.compose(v -> cleanOne(row, cleaned));
          }
          return chain;
        })
        .map(v -> {
          LOG.info("cleanup of service {} done: {} resource(s) cleaned", request.serviceId(), cleaned.size());
          return new Outcome(List.copyOf(cleaned));
        });
  }

  private Future<Void> cleanOne(Worker row, List<String> cleaned) {
    return db.workers().claim(row, claimerServiceId).compose(won -> {
      if (!won) {
        // another service is cleaning it, finished it, or a new operation took the resource
        return Future.succeededFuture();
      }
      if (!Worker.VOLUME.equals(row.resourceType())) {
        LOG.info("cleanup: skipping {} {} (not cleanable in the emulator)", row.resourceType(), row.resourceId());
        return db.workers().destroy(row).mapEmpty();
      }
      return db.volumes().find(row.resourceId()).compose(found -> {
        if (found.isEmpty()) {
          return db.workers().destroy(row).mapEmpty();
        }
        Volume vol = found.get();
        if (!row.status().equals(vol.status())) {
          LOG.info("cleanup: volume {} is {} now, not {}: nothing to clean", vol.id(), vol.status(), row.status());
          return db.workers().destroy(row).mapEmpty();
        }
        LOG.info("cleanup: cleaning volume {} in status {}", vol.id(), vol.status());
        return volumes.clean(vol)
            .compose(keep -> {
              cleaned.add(vol.id());
              return keep ? Future.<Void>succeededFuture() : db.workers().destroy(row).mapEmpty();
            })
            .recover(e -> {
              LOG.warn("cleanup of volume {} failed: {}", vol.id(), e.getMessage());
              return db.workers().giveBack(row, row.serviceId()).mapEmpty();
            });
      });
    });
  }
}
