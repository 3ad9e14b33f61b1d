package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.objects.QuotaUsage;

/**
 * Per-project limits ({@code quotas}, falling back to the configured defaults) and usage
 * ({@code quota_usages}). Cinder's reservations table is reduced to the {@code reserved} counter:
 * {@link #reserve} adds to it only while in_use + reserved stays within the limit, in one conditional
 * UPDATE per resource inside one transaction, so concurrent API calls cannot overshoot.
 */
public final class QuotaRepository {

  /** Cinder's defaults ({@code quota_volumes}, {@code quota_gigabytes}, ...); -1 means unlimited. */
  public static final Map<String, Integer> CINDER_DEFAULTS = defaults();

  private final Database db;
  private final Map<String, Integer> defaultLimits;

  public QuotaRepository(Database db) {
    this(db, CINDER_DEFAULTS);
  }

  public QuotaRepository(Database db, Map<String, Integer> defaultLimits) {
    this.db = db;
    this.defaultLimits = Map.copyOf(defaultLimits);
  }

  private static Map<String, Integer> defaults() {
    Map<String, Integer> d = new LinkedHashMap<>();
    d.put(QuotaUsage.VOLUMES, 10);
    d.put("snapshots", 10);
    d.put(QuotaUsage.GIGABYTES, 1000);
    d.put(QuotaUsage.BACKUPS, 10);
    d.put(QuotaUsage.BACKUP_GIGABYTES, 1000);
    return Collections.unmodifiableMap(d);
  }

  /** Limit and usage of every known resource of a project (the {@code /limits} API's numbers). */
  public Future<Map<String, QuotaUsage>> usage(String projectId) {
    var limits = db.pool().preparedQuery("SELECT resource, hard_limit FROM quotas WHERE project_id = ?"
        + " AND deleted = FALSE").execute(SqlParts.tuple(projectId));
    var usages = db.pool().preparedQuery("SELECT resource, in_use, reserved FROM quota_usages WHERE project_id = ?"
        + " AND deleted = FALSE").execute(SqlParts.tuple(projectId));
    return Future.all(limits, usages).map(x -> {
      Map<String, Integer> limit = new LinkedHashMap<>(defaultLimits);
      for (Row r : limits.result()) {
        limit.put(Rows.string(r, "resource"), Rows.integer(r, "hard_limit", -1));
      }
      Map<String, int[]> used = new LinkedHashMap<>();
      for (Row r : usages.result()) {
        used.put(Rows.string(r, "resource"), new int[] {Rows.integer(r, "in_use", 0), Rows.integer(r, "reserved", 0)});
        limit.putIfAbsent(Rows.string(r, "resource"), -1);
      }
      Map<String, QuotaUsage> result = new LinkedHashMap<>();
      limit.forEach((resource, l) -> {
        int[] u = used.getOrDefault(resource, new int[] {0, 0});
        result.put(resource, new QuotaUsage(projectId, resource, l, u[0], u[1]));
      });
      return result;
    });
  }

  /** Sets a project's limit for one resource (-1 = unlimited). */
  public Future<Void> setLimit(String projectId, String resource, int hardLimit) {
    return db.pool().preparedQuery("UPDATE quotas SET hard_limit = ?, updated_at = ?, deleted = FALSE,"
            + " deleted_at = NULL WHERE project_id = ? AND resource = ?")
        .execute(SqlParts.tuple(hardLimit, db.now(), projectId, resource))
        .compose(rs -> rs.rowCount() > 0 ? Future.<Void>succeededFuture()
            : db.pool().preparedQuery("INSERT INTO quotas (project_id, resource, hard_limit, allocated, created_at,"
                    + " deleted) VALUES (?, ?, ?, 0, ?, FALSE)")
                .execute(SqlParts.tuple(projectId, resource, hardLimit, db.now())).<Void>mapEmpty()
                .recover(e -> SqlErrors.isUniqueViolation(e) ? setLimit(projectId, resource, hardLimit)
                    : Future.failedFuture(e)));
  }

  /**
   * Holds {@code deltas} (resource -> amount) for a project: all or nothing. Fails with
   * QuotaExceededException naming the first resource that would pass its limit.
   */
  public Future<Void> reserve(String projectId, Map<String, Integer> deltas) {
    return change(projectId, deltas, "reserved = reserved + ?", true);
  }

  /** Turns a reservation into usage: reserved -= d, in_use += d. */
  public Future<Void> commit(String projectId, Map<String, Integer> deltas) {
    return change(projectId, deltas, "reserved = reserved - ?, in_use = in_use + ?", false);
  }

  /** Drops a reservation that will not be used. */
  public Future<Void> rollback(String projectId, Map<String, Integer> deltas) {
    return change(projectId, deltas, "reserved = reserved - ?", false);
  }

  /** Reserve and commit in one step: in_use += d within the limit. */
  public Future<Void> consume(String projectId, Map<String, Integer> deltas) {
    return change(projectId, deltas, "in_use = in_use + ?", true);
  }

  /** Gives usage back (a volume or backup was deleted); never below zero. */
  public Future<Void> release(String projectId, Map<String, Integer> deltas) {
    Map<String, Integer> negative = new LinkedHashMap<>();
    deltas.forEach((r, d) -> negative.put(r, -d));
    return change(projectId, negative, "in_use = CASE WHEN in_use + ? < 0 THEN 0 ELSE in_use + ? END", false);
  }

  private Future<Void> change(String projectId, Map<String, Integer> deltas, String set, boolean checked) {
    // usage rows are created outside the transaction: a duplicate-key error would poison it on PostgreSQL
    Future<Void> rows = Future.succeededFuture();
    for (String resource : deltas.keySet()) {
      rows = rows.compose(v -> ensureUsageRow(projectId, resource));
    }
    return rows.compose(v -> limits(projectId)).compose(limits -> db.pool().withTransaction(conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<String, Integer> e : deltas.entrySet()) {
        int limit = limits.getOrDefault(e.getKey(), -1);
        chain = chain.compose(v -> apply(conn, projectId, e.getKey(), e.getValue(), limit, set, checked));
      }
      return chain;
    }));
  }

  private Future<Void> apply(SqlConnection conn, String projectId, String resource, int delta, int limit,
      String set, boolean checked) {
    int placeholders = set.length() - set.replace("?", "").length();
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < placeholders; i++) {
      params.add(delta);
    }
    params.add(db.now());
    params.add(projectId);
    params.add(resource);
    String sql = "UPDATE quota_usages SET " + set + ", updated_at = ? WHERE project_id = ? AND resource = ?";
    boolean limited = checked && limit >= 0 && delta > 0;
    if (limited) {
      sql += " AND in_use + reserved + ? <= ?";
      params.add(delta);
      params.add(limit);
    }
    return conn.preparedQuery(sql).execute(SqlParts.tuple(params)).compose(rs -> {
      if (rs.rowCount() > 0 || !limited) {
        return Future.succeededFuture();
      }
      return conn.preparedQuery("SELECT in_use, reserved FROM quota_usages WHERE project_id = ? AND resource = ?")
          .execute(SqlParts.tuple(projectId, resource))
          .compose(now -> {
            Row r = now.iterator().next();
            int consumed = Rows.integer(r, "in_use", 0) + Rows.integer(r, "reserved", 0);
            return Future.failedFuture(new QuotaExceededException(resource, limit, consumed, delta));
          });
    });
  }

  private Future<Map<String, Integer>> limits(String projectId) {
    return db.pool().preparedQuery("SELECT resource, hard_limit FROM quotas WHERE project_id = ? AND deleted = FALSE")
        .execute(SqlParts.tuple(projectId))
        .map(rows -> {
          Map<String, Integer> limits = new LinkedHashMap<>(defaultLimits);
          rows.forEach(r -> limits.put(Rows.string(r, "resource"), Rows.integer(r, "hard_limit", -1)));
          return limits;
        });
  }

  private Future<Void> ensureUsageRow(String projectId, String resource) {
    return db.pool().preparedQuery("SELECT 1 FROM quota_usages WHERE project_id = ? AND resource = ?")
        .execute(SqlParts.tuple(projectId, resource))
        .compose(rs -> rs.size() > 0 ? Future.<Void>succeededFuture()
            : db.pool().preparedQuery("INSERT INTO quota_usages (project_id, resource, in_use, reserved, created_at,"
                    + " deleted) VALUES (?, ?, 0, 0, ?, FALSE)")
                .execute(SqlParts.tuple(projectId, resource, db.now())).<Void>mapEmpty()
                .recover(e -> SqlErrors.isUniqueViolation(e) ? Future.succeededFuture() : Future.failedFuture(e)));
  }
}
