package org.cinderemu.common.db;

import io.vertx.core.Future;
import java.time.LocalDateTime;

/**
 * {@code emulator_rpc_handled}: the casts whose handler finished, by {@code _unique_id}, for reliable delivery
 * (docs/chaos.md "Delivery modes"). Not Cinder's table.
 */
public final class HandledRequestRepository {

  private final Database db;

  HandledRequestRepository(Database db) {
    this.db = db;
  }

  public Future<Boolean> contains(String uniqueId) {
    return db.pool().preparedQuery("SELECT 1 FROM emulator_rpc_handled WHERE unique_id = ?")
        .execute(SqlParts.tuple(uniqueId)).map(rows -> rows.size() > 0);
  }

  /** Records a handled request; a second record of the same id (a copy handled elsewhere) is no error. */
  public Future<Void> add(String uniqueId, String method) {
    return db.pool().preparedQuery("INSERT INTO emulator_rpc_handled (unique_id, method, handled_at) VALUES (?, ?, ?)")
        .execute(SqlParts.tuple(uniqueId, method, db.now())).<Void>mapEmpty()
        .recover(e -> SqlErrors.isUniqueViolation(e) ? Future.succeededFuture() : Future.failedFuture(e));
  }

  /** Forgets what was handled before {@code before}; how many rows went. */
  public Future<Integer> prune(LocalDateTime before) {
    return db.pool().preparedQuery("DELETE FROM emulator_rpc_handled WHERE handled_at < ?")
        .execute(SqlParts.tuple(before)).map(rs -> rs.rowCount());
  }
}
