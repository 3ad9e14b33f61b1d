package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Optional;
import org.cinderemu.common.objects.Worker;

/**
 * {@code workers}, Cinder's cleanup bookkeeping (docs/cinder-reference.md §5.4): a row per resource in a cleanable
 * status (volume creating / deleting / uploading / downloading, snapshot creating) naming the service that owns
 * the work. A restarting service, or any live member on {@code /workers/cleanup}, claims the rows of a
 * dead one with a compare-and-set on {@code race_preventer}. Rows go away when the work ends.
 */
public final class WorkerRepository {

  private static final List<String> COLUMNS = List.of("id", "resource_type", "resource_id", "status", "service_id",
      "race_preventer", "created_at", "updated_at", "deleted_at", "deleted");

  private final Database db;
  private final RowTable<Worker> table;

  public WorkerRepository(Database db) {
    this.db = db;
    this.table = new RowTable<>(db, "workers", "Worker", COLUMNS, RowTable.each(WorkerRepository::fromRow));
  }

  /**
   * Cinder's {@code set_worker}: records that {@code serviceId} (null: not yet taken) works on a resource in
   * {@code status}, replacing any earlier entry of that resource.
   */
  public Future<Worker> add(String resourceType, String resourceId, String status, Integer serviceId) {
    return updateExisting(resourceType, resourceId, status, serviceId)
        .compose(updated -> updated ? Future.succeededFuture() : db.pool().preparedQuery(
                "INSERT INTO workers (resource_type, resource_id, status, service_id, race_preventer, created_at,"
                    + " updated_at, deleted) VALUES (?, ?, ?, ?, 0, ?, ?, FALSE)")
            // Cinder's Worker model stamps updated_at at creation too: cleanups select by it (until)
            .execute(SqlParts.tuple(resourceType, resourceId, status, serviceId, db.now(), db.now())).<Void>mapEmpty()
            // another service added it between our UPDATE and INSERT: ours is the later word
            .recover(e -> SqlErrors.isUniqueViolation(e)
                ? updateExisting(resourceType, resourceId, status, serviceId).mapEmpty()
                : Future.failedFuture(e)))
        .compose(v -> find(resourceType, resourceId))
        .map(Optional::get);
  }

  private Future<Boolean> updateExisting(String resourceType, String resourceId, String status, Integer serviceId) {
    return db.pool().preparedQuery("UPDATE workers SET status = ?, service_id = ?, updated_at = ?, deleted = FALSE,"
            + " deleted_at = NULL WHERE resource_type = ? AND resource_id = ?")
        .execute(SqlParts.tuple(status, serviceId, db.now(), resourceType, resourceId))
        .map(rs -> rs.rowCount() > 0);
  }

  public Future<Optional<Worker>> find(String resourceType, String resourceId) {
    return table.first(new SqlParts().and("resource_type = ?", resourceType).and("resource_id = ?", resourceId)
        .and("deleted = FALSE"));
  }

  /** The entries a service owns: what it must clean up when it starts again. */
  public Future<List<Worker>> listByServiceId(int serviceId) {
    return table.query(new SqlParts().and("service_id = ?", serviceId).and("deleted = FALSE"), " ORDER BY id");
  }

  /**
   * Cinder's {@code worker_get_all} for a cleanup: the rows of a service (and, when given, of one resource
   * type or id) last touched no later than {@code until}, so work started after the request is left alone.
   */
  public Future<List<Worker>> listForCleanup(int serviceId, String resourceType, String resourceId,
      java.time.LocalDateTime until) {
    SqlParts where = new SqlParts().and("service_id = ?", serviceId).and("deleted = FALSE");
    if (resourceType != null) {
      where.and("resource_type = ?", resourceType);
    }
    if (resourceId != null) {
      where.and("resource_id = ?", resourceId);
    }
    if (until != null) {
      where.and("updated_at <= ?", until);
    }
    return table.query(where, " ORDER BY id");
  }

  /** Gives a claimed entry back to the service it was taken from, when its cleanup failed. */
  public Future<Boolean> giveBack(Worker claimed, int originalServiceId) {
    return db.pool().preparedQuery("UPDATE workers SET service_id = ? WHERE id = ?")
        .execute(SqlParts.tuple(originalServiceId, claimed.id()))
        .map(rs -> rs.rowCount() > 0);
  }

  /** Removes exactly this entry, unless a new operation replaced it meanwhile (its race_preventer moved on). */
  public Future<Boolean> destroy(Worker claimed) {
    return db.pool().preparedQuery("DELETE FROM workers WHERE id = ? AND race_preventer = ?")
        .execute(SqlParts.tuple(claimed.id(), claimed.racePreventer() + 1))
        .map(rs -> rs.rowCount() > 0);
  }

  public Future<List<Worker>> list() {
    return table.query(new SqlParts().and("deleted = FALSE"), " ORDER BY id");
  }

  /**
   * Takes an entry over for {@code claimerServiceId} if nobody else did since {@code worker} was read
   * ({@code worker_claim_for_cleanup}). True when this claim won.
   */
  public Future<Boolean> claim(Worker worker, int claimerServiceId) {
    return db.pool().preparedQuery("UPDATE workers SET service_id = ?, race_preventer = race_preventer + 1,"
            + " updated_at = ? WHERE id = ? AND race_preventer = ? AND deleted = FALSE")
        .execute(SqlParts.tuple(claimerServiceId, db.now(), worker.id(), worker.racePreventer()))
        .map(rs -> rs.rowCount() > 0);
  }

  /** {@code unset_worker}: the work on the resource is over; the row is removed, as Cinder does. */
  public Future<Boolean> remove(String resourceType, String resourceId) {
    return db.pool().preparedQuery("DELETE FROM workers WHERE resource_type = ? AND resource_id = ?")
        .execute(SqlParts.tuple(resourceType, resourceId))
        .map(rs -> rs.rowCount() > 0);
  }

  private static Worker fromRow(Row r) {
    return new Worker(Rows.integer(r, "id"), Rows.string(r, "resource_type"), Rows.string(r, "resource_id"),
        Rows.string(r, "status"), Rows.integer(r, "service_id"), Rows.integer(r, "race_preventer", 0),
        Rows.time(r, "created_at"), Rows.time(r, "updated_at"), Rows.time(r, "deleted_at"),
        Rows.bool(r, "deleted", false));
  }
}
