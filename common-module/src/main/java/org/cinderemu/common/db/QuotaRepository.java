package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cinderemu.common.objects.QuotaUsage;

/**
 * Per-project limits ({@code quotas}, falling back to the configured defaults) and usage
 * ({@code quota_usages}). Cinder's reservations table is reduced to the {@code reserved} counter:
 * {@link #reserve} adds to it only while in_use + reserved stays within the limit, in one conditional
 * UPDATE per resource inside one transaction, so concurrent API calls cannot overshoot. Quota that counts a
 * row moves in that row's transaction ({@link #inTransaction}): both commit or neither does.
 */
public final class QuotaRepository {

  /** Cinder's defaults ({@code quota_volumes}, {@code quota_gigabytes}, ...); -1 means unlimited. */
  public static final Map<String, Integer> CINDER_DEFAULTS = defaults();

  private static final String RESERVE = "reserved = reserved + ?";
  private static final String COMMIT = "reserved = reserved - ?, in_use = in_use + ?";
  private static final String ROLLBACK = "reserved = reserved - ?";
  private static final String CONSUME = "in_use = in_use + ?";
  private static final String RELEASE = "in_use = CASE WHEN in_use + ? < 0 THEN 0 ELSE in_use + ? END";

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
    return inTransaction(projectId, deltas.keySet(), tx -> tx.change(deltas, RESERVE, true));
  }

  /** Turns a reservation into usage: reserved -= d, in_use += d. */
  public Future<Void> commit(String projectId, Map<String, Integer> deltas) {
    return inTransaction(projectId, deltas.keySet(), tx -> tx.change(deltas, COMMIT, false));
  }

  /** Drops a reservation that will not be used. */
  public Future<Void> rollback(String projectId, Map<String, Integer> deltas) {
    return inTransaction(projectId, deltas.keySet(), tx -> tx.change(deltas, ROLLBACK, false));
  }

  /** Reserve and commit in one step: in_use += d within the limit. */
  public Future<Void> consume(String projectId, Map<String, Integer> deltas) {
    return inTransaction(projectId, deltas.keySet(), tx -> tx.consume(deltas));
  }

  /** Gives usage back (a volume or backup was deleted); never below zero. */
  public Future<Void> release(String projectId, Map<String, Integer> deltas) {
    return inTransaction(projectId, deltas.keySet(), tx -> tx.release(deltas));
  }

  /**
   * Runs {@code work} in one database transaction in which it may move the project's quota of
   * {@code resources} ({@link Transaction#consume}, {@link Transaction#release}) and write the rows that
   * quota counts through {@link Transaction#connection()}: both commit or neither does.
   */
  public <T> Future<T> inTransaction(String projectId, Collection<String> resources,
      Function<Transaction, Future<T>> work) {
    // usage rows are created outside the transaction: a duplicate-key error would poison it on PostgreSQL
    Future<Void> rows = Future.succeededFuture();
    for (String resource : new LinkedHashSet<>(resources)) {
      rows = rows.compose(v -> ensureUsageRow(projectId, resource));
    }
    return rows.compose(v -> db.pool().withTransaction(conn -> limits(conn, projectId)
        .compose(limits -> work.apply(new Transaction(conn, projectId, limits)))));
  }

  /** Quota changes of one project inside an open transaction (see {@link #inTransaction}). */
  public final class Transaction {

    private final SqlConnection conn;
    private final String projectId;
    private final Map<String, Integer> limits;

    private Transaction(SqlConnection conn, String projectId, Map<String, Integer> limits) {
      this.conn = conn;
      this.projectId = projectId;
      this.limits = limits;
    }

    /** The transaction's connection, for the repositories' writes that belong with the quota. */
    public SqlConnection connection() {
      return conn;
    }

    /** The project's limit of {@code resource} as this transaction read it; -1 = unlimited. */
    public int limit(String resource) {
      return limits.getOrDefault(resource, -1);
    }

    /** in_use += d within the limits, all or nothing (QuotaExceededException names the first refusal). */
    public Future<Void> consume(Map<String, Integer> deltas) {
      return change(deltas, CONSUME, true);
    }

    /**
     * Releases {@code deltas} only if {@code applied}: the compare-and-set of the row they count won, so a
     * repeated or concurrent request gives nothing back twice. Answers {@code applied}.
     */
    public Future<Boolean> releaseIf(boolean applied, Map<String, Integer> deltas) {
      return applied && !deltas.isEmpty() ? release(deltas).map(true) : Future.succeededFuture(applied);
    }

    /** in_use -= d, never below zero. */
    public Future<Void> release(Map<String, Integer> deltas) {
      Map<String, Integer> negative = new LinkedHashMap<>();
      deltas.forEach((r, d) -> negative.put(r, -d));
      return change(negative, RELEASE, false);
    }

    private Future<Void> change(Map<String, Integer> deltas, String set, boolean checked) {
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<String, Integer> e : deltas.entrySet()) {
        int limit = limits.getOrDefault(e.getKey(), -1);
        chain = chain.compose(v -> apply(conn, projectId, e.getKey(), e.getValue(), limit, set, checked));
      }
      return chain;
    }
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

  private Future<Map<String, Integer>> limits(SqlClient client, String projectId) {
    return client.preparedQuery("SELECT resource, hard_limit FROM quotas WHERE project_id = ? AND deleted = FALSE")
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
