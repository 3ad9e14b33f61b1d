package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cinderemu.common.trace.Hop;
import org.cinderemu.common.trace.StatusChange;

/**
 * The emulator's own tables {@code emulator_trace_hops} and {@code emulator_trace_status} (migration V3): batch
 * inserts from the services' trace recorders, pruning by age, and the reads of {@code cinder-emu trace}.
 */
public final class TraceRepository {

  private static final List<String> HOP_COLUMNS = List.of("request_id", "resource_id", "side", "kind", "method",
      "version", "exchange", "routing_key", "queue", "unique_id", "msg_id", "service_binary", "service_host",
      "at_time", "finished_at", "outcome", "span_id", "parent_span_id");
  private static final List<String> STATUS_COLUMNS = List.of("request_id", "resource_type", "resource_id",
      "from_status", "to_status", "service_binary", "service_host", "at_time");
  private static final String HOPS = "emulator_trace_hops";
  private static final String STATUS = "emulator_trace_status";

  private final Database db;

  public TraceRepository(Database db) {
    this.db = db;
  }

  public Future<Void> insertHops(List<Hop> hops) {
    List<Tuple> rows = new ArrayList<>(hops.size());
    for (Hop h : hops) {
      rows.add(SqlParts.tuple(h.requestId(), h.resourceId(), h.side().name().toLowerCase(),
          h.kind().name().toLowerCase(), h.method(), h.version(), h.exchange(), h.routingKey(), h.queue(),
          h.uniqueId(), h.msgId(), h.binary(), h.host(), h.at(), h.finishedAt(), h.outcome(), h.spanId(),
          h.parentSpanId()));
    }
    return insert(HOPS, HOP_COLUMNS, rows);
  }

  public Future<Void> insertStatusChanges(List<StatusChange> changes) {
    List<Tuple> rows = new ArrayList<>(changes.size());
    for (StatusChange c : changes) {
      rows.add(SqlParts.tuple(c.requestId(), c.resourceType(), c.resourceId(), c.from(), c.to(), c.binary(),
          c.host(), c.at()));
    }
    return insert(STATUS, STATUS_COLUMNS, rows);
  }

  private Future<Void> insert(String table, List<String> columns, List<Tuple> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    String sql = "INSERT INTO " + table + " (" + quoted(columns) + ") VALUES ("
        + SqlParts.placeholders(columns.size()) + ")";
    return db.pool().preparedQuery(sql).executeBatch(rows).mapEmpty();
  }

  /** Deletes what was recorded before {@code before}; how many rows went. */
  public Future<Integer> prune(Instant before) {
    Tuple t = SqlParts.tuple(before);
    return db.pool().preparedQuery("DELETE FROM " + HOPS + " WHERE at_time < ?").execute(t)
        .compose(a -> db.pool().preparedQuery("DELETE FROM " + STATUS + " WHERE at_time < ?").execute(t)
            .map(b -> a.rowCount() + b.rowCount()));
  }

  /** The request ids that touched {@code resourceId}: named it in a message, or changed its status. */
  public Future<Set<String>> requestsTouching(String resourceId) {
    String sql = "SELECT request_id FROM " + HOPS + " WHERE resource_id = ? AND request_id IS NOT NULL"
        + " UNION SELECT request_id FROM " + STATUS + " WHERE resource_id = ? AND request_id IS NOT NULL";
    return db.pool().preparedQuery(sql).execute(SqlParts.tuple(resourceId, resourceId)).map(rs -> {
      Set<String> ids = new LinkedHashSet<>();
      rs.forEach(r -> ids.add(Rows.string(r, "request_id")));
      return ids;
    });
  }

  /** Every hop of these requests, and the replies to their calls (a reply carries no request id of its own). */
  public Future<List<Hop>> hopsOf(Collection<String> requestIds) {
    if (requestIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    SqlParts byRequest = new SqlParts().matches("request_id", List.copyOf(requestIds));
    String calls = "SELECT msg_id FROM " + HOPS + byRequest.where() + " AND msg_id IS NOT NULL";
    List<Object> params = new ArrayList<>(byRequest.params());
    params.addAll(byRequest.params());
    String sql = "SELECT " + quoted(HOP_COLUMNS) + " FROM " + HOPS + byRequest.where()
        + " OR (request_id IS NULL AND msg_id IN (" + calls + ")) ORDER BY at_time, id";
    return db.pool().preparedQuery(sql).execute(SqlParts.tuple(params)).map(rs -> {
      List<Hop> hops = new ArrayList<>();
      rs.forEach(r -> hops.add(hop(r)));
      return hops;
    });
  }

  public Future<List<StatusChange>> statusChangesOf(Collection<String> requestIds) {
    if (requestIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    SqlParts where = new SqlParts().matches("request_id", List.copyOf(requestIds));
    String sql = "SELECT " + quoted(STATUS_COLUMNS) + " FROM " + STATUS + where.where() + " ORDER BY at_time, id";
    return db.pool().preparedQuery(sql).execute(SqlParts.tuple(where.params())).map(rs -> {
      List<StatusChange> changes = new ArrayList<>();
      rs.forEach(r -> changes.add(new StatusChange(Rows.string(r, "request_id"), Rows.string(r, "resource_type"),
          Rows.string(r, "resource_id"), Rows.string(r, "from_status"), Rows.string(r, "to_status"),
          Rows.string(r, "service_binary"), Rows.string(r, "service_host"), instant(r, "at_time"))));
      return changes;
    });
  }

  private static Hop hop(Row r) {
    return new Hop(Rows.string(r, "request_id"), Rows.string(r, "resource_id"),
        Hop.Side.valueOf(Rows.string(r, "side").toUpperCase()), Hop.Kind.valueOf(Rows.string(r, "kind").toUpperCase()),
        Rows.string(r, "method"), Rows.string(r, "version"), Rows.string(r, "exchange"),
        Rows.string(r, "routing_key"), Rows.string(r, "queue"), Rows.string(r, "unique_id"),
        Rows.string(r, "msg_id"), Rows.string(r, "service_binary"), Rows.string(r, "service_host"),
        instant(r, "at_time"), instant(r, "finished_at"), Rows.string(r, "outcome"), Rows.string(r, "span_id"),
        Rows.string(r, "parent_span_id"));
  }

  private static Instant instant(Row r, String column) {
    var t = Rows.time(r, column);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  private String quoted(List<String> names) {
    return String.join(", ", names.stream().map(db::q).toList());
  }
}
