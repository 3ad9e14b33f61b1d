package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The shared part of the API list queries over {@code volumes} and {@code backups}: filters, the
 * metadata EXISTS clauses, the marker lookup and the ORDER BY / LIMIT / OFFSET tail.
 */
final class Listing {

  private final Database db;
  private final String table;
  private final Set<String> columns;
  private final String metadataTable;
  private final String metadataOwner;
  private final Set<String> levelMatched;

  /** {@code levelMatched}: columns holding host strings, filtered with Cinder's host levels. */
  Listing(Database db, String table, Set<String> columns, String metadataTable, String metadataOwner,
      Set<String> levelMatched) {
    this.db = db;
    this.table = table;
    this.columns = columns;
    this.metadataTable = metadataTable;
    this.metadataOwner = metadataOwner;
    this.levelMatched = levelMatched;
  }

  /** Live rows of the project (if any) matching the filters and metadata of {@code q}. */
  SqlParts filters(ListQuery q) {
    SqlParts where = new SqlParts().and("deleted = FALSE");
    if (q.projectId() != null) {
      where.and("project_id = ?", q.projectId());
    }
    q.filters().forEach((key, value) -> {
      String column = ListQuery.column(key);
      if (!columns.contains(column) || column.equals("deleted")) {
        throw new IllegalArgumentException("Invalid input received: Invalid filter key " + key);
      }
      if (value instanceof ListQuery.TimeComparison times) {
        timeComparison(where, db.q(column), times);
      } else if (levelMatched.contains(column) && value instanceof String s) {
        where.hostMatches(column, s);
      } else {
        where.matches(db.q(column), value);
      }
    });
    q.metadata().forEach((k, v) -> where.and("EXISTS (SELECT 1 FROM " + metadataTable + " m WHERE m."
        + metadataOwner + " = " + table + ".id AND m.deleted = FALSE AND m." + db.q("key") + " = ? AND m."
        + db.q("value") + " = ?)", k, v));
    return where;
  }

  // Cinder's _filter_time_comparison: the comparisons OR-ed together
  private static void timeComparison(SqlParts where, String column, ListQuery.TimeComparison times) {
    if (times.bounds().isEmpty()) {
      return;
    }
    StringJoiner any = new StringJoiner(" OR ", "(", ")");
    times.bounds().keySet().forEach(op -> any.add(column + " " + ListQuery.TimeComparison.OPERATORS.get(op) + " ?"));
    where.and(any.toString(), times.bounds().values().toArray());
  }

  /**
   * Resolves the marker (MarkerNotFoundException when it is not a visible row), narrows {@code where} to
   * the rows after it, and returns the ORDER BY / LIMIT / OFFSET text to append.
   */
  Future<String> page(ListQuery q, SqlParts where, String select) {
    List<Paging.SortKey> keys = Paging.sortKeys(q.sortKeys(), q.sortDirs(), columns);
    Future<Void> marker = Future.succeededFuture();
    if (q.marker() != null) {
      SqlParts markerWhere = new SqlParts().and("id = ?", q.marker()).and("deleted = FALSE");
      if (q.projectId() != null) {
        markerWhere.and("project_id = ?", q.projectId());
      }
      marker = db.pool().preparedQuery(select + markerWhere.where()).execute(SqlParts.tuple(markerWhere.params()))
          .compose(rs -> {
            if (rs.size() == 0) {
              return Future.failedFuture(new MarkerNotFoundException(q.marker()));
            }
            Row row = rs.iterator().next();
            Paging.after(where, keys, row, db.dialect());
            return Future.succeededFuture();
          });
    }
    return marker.map(v -> {
      StringBuilder tail = new StringBuilder(Paging.orderBy(keys, db.dialect()));
      if (q.limit() != null) {
        tail.append(" LIMIT ").append(Math.max(0, q.limit()));
      }
      if (q.offset() != null && q.offset() > 0) {
        if (q.limit() == null) {
          tail.append(" LIMIT ").append(Integer.MAX_VALUE);
        }
        tail.append(" OFFSET ").append(q.offset());
      }
      return tail.toString();
    });
  }

  Future<Integer> count(ListQuery q) {
    return Future.succeededFuture(q).compose(x -> countNow(q));
  }

  private Future<Integer> countNow(ListQuery q) {
    SqlParts where = filters(q);
    return db.pool().preparedQuery("SELECT COUNT(*) AS n FROM " + table + where.where())
        .execute(SqlParts.tuple(where.params()))
        .map(rs -> Rows.integer(rs.iterator().next(), "n", 0));
  }
}
