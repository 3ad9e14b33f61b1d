package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Cinder's {@code conditional_update}: one UPDATE that sets {@code values} only where the row is live and
 * still has the {@code expected} values, so two services racing on a status change cannot both win.
 * Column names are checked against the table's list, since they end up in the SQL text.
 */
final class Updates {

  private Updates() {
  }

  static Future<Boolean> apply(Database db, SqlClient client, String table, Set<String> columns, Object id,
      Map<String, ?> expected, Map<String, ?> values, boolean touchUpdatedAt) {
    try {
      return applyNow(db, client, table, columns, id, expected, values, touchUpdatedAt);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<Boolean> applyNow(Database db, SqlClient client, String table, Set<String> columns,
      Object id, Map<String, ?> expected, Map<String, ?> values, boolean touchUpdatedAt) {
    check(table, columns, expected.keySet());
    check(table, columns, values.keySet());
    StringJoiner set = new StringJoiner(", ");
    List<Object> params = new ArrayList<>();
    values.forEach((column, value) -> {
      set.add(db.q(column) + " = ?");
      params.add(SqlParts.bindable(value));
    });
    if (touchUpdatedAt && !values.containsKey("updated_at")) {
      set.add("updated_at = ?");
      params.add(db.now());
    }
    if (params.isEmpty()) {
      throw new IllegalArgumentException("nothing to update in " + table);
    }
    SqlParts where = new SqlParts().and("id = ?", id).and("deleted = FALSE");
    expected.forEach((column, value) -> where.matches(db.q(column), value));
    params.addAll(where.params());
    return client.preparedQuery("UPDATE " + table + " SET " + set + where.where())
        .execute(SqlParts.tuple(params))
        .map(rs -> {
          boolean applied = rs.rowCount() > 0;
          if (applied && values.containsKey("status")) {
            db.statusChanged(table, id, expected.get("status"), values.get("status"));
          }
          return applied;
        });
  }

  private static void check(String table, Set<String> columns, Set<String> given) {
    for (String column : given) {
      if (!columns.contains(column)) {
        throw new IllegalArgumentException("unknown column " + table + "." + column);
      }
    }
  }
}
