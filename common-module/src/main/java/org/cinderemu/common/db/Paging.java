package org.cinderemu.common.db;

import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Sorting and marker pagination the way Cinder's {@code paginate_query} does it: the requested keys, then
 * {@code created_at} and {@code id} as tie-breakers in the first key's direction, and "rows after the
 * marker" as a lexicographic comparison over all keys. NULL sorts lowest on every database here (the three
 * disagree by default), and the marker condition treats it the same way, so pages never skip or repeat.
 */
final class Paging {

  record SortKey(String column, boolean ascending) {
  }

  private Paging() {
  }

  static List<SortKey> sortKeys(List<String> keys, List<String> dirs, Set<String> allowed) {
    if (dirs.size() > keys.size()) {
      throw new IllegalArgumentException("Sort direction array size exceeds sort key array size.");
    }
    if (keys.size() > ListQuery.MAX_SORT_KEYS) {
      throw new IllegalArgumentException("Invalid input received: At most " + ListQuery.MAX_SORT_KEYS
          + " sort keys are accepted, " + keys.size() + " were given.");
    }
    List<String> cols = new ArrayList<>();
    for (String key : keys) {
      String column = ListQuery.column(key);
      if (!allowed.contains(column)) {
        throw new IllegalArgumentException("Invalid input received: Invalid sort key " + key);
      }
      if (cols.contains(column)) {
        throw new IllegalArgumentException("Invalid input received: Sort key " + key + " is given more than once.");
      }
      cols.add(column);
    }
    List<Boolean> asc = new ArrayList<>();
    for (String dir : dirs) {
      asc.add(ascending(dir));
    }
    // Cinder's API defaults: created_at, descending
    if (cols.isEmpty()) {
      cols.add("created_at");
    }
    boolean defaultAsc = asc.isEmpty() ? false : asc.get(0);
    while (asc.size() < cols.size()) {
      asc.add(defaultAsc);
    }
    for (String tieBreaker : List.of("created_at", "id")) {
      if (!cols.contains(tieBreaker)) {
        cols.add(tieBreaker);
        asc.add(defaultAsc);
      }
    }
    List<SortKey> result = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      result.add(new SortKey(cols.get(i), asc.get(i)));
    }
    return result;
  }

  private static boolean ascending(String dir) {
    return switch (dir.toLowerCase(Locale.ROOT)) {
      case "asc" -> true;
      case "desc" -> false;
      default -> throw new IllegalArgumentException("Invalid input received: Unknown sort direction, "
          + "must be 'desc' or 'asc'");
    };
  }

  static String orderBy(List<SortKey> keys, Dialect dialect) {
    StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
    for (SortKey k : keys) {
      String col = dialect.quote(k.column());
      String dir = k.ascending() ? " ASC" : " DESC";
      order.add("CASE WHEN " + col + " IS NULL THEN 0 ELSE 1 END" + dir);
      order.add(col + dir);
    }
    return order.toString();
  }

  /** Adds "comes after {@code marker}" to {@code where}: (k1 > m1) OR (k1 = m1 AND k2 > m2) OR ... */
  static void after(SqlParts where, List<SortKey> keys, Row marker, Dialect dialect) {
    StringJoiner any = new StringJoiner(" OR ", "(", ")");
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      StringJoiner all = new StringJoiner(" AND ", "(", ")");
      for (int j = 0; j < i; j++) {
        equal(all, params, keys.get(j), marker, dialect);
      }
      beyond(all, params, keys.get(i), marker, dialect);
      any.add(all.toString());
    }
    where.and(any.toString(), params.toArray());
  }

  private static void equal(StringJoiner sql, List<Object> params, SortKey key, Row marker, Dialect dialect) {
    String col = dialect.quote(key.column());
    Object m = marker.getValue(key.column());
    if (m == null) {
      sql.add(col + " IS NULL");
    } else {
      sql.add(col + " = ?");
      params.add(m);
    }
  }

  private static void beyond(StringJoiner sql, List<Object> params, SortKey key, Row marker, Dialect dialect) {
    String col = dialect.quote(key.column());
    Object m = marker.getValue(key.column());
    if (key.ascending()) {
      // everything non-null is above a null marker; a null row is never above a value
      if (m == null) {
        sql.add(col + " IS NOT NULL");
      } else {
        sql.add(col + " > ?");
        params.add(m);
      }
    } else {
      if (m == null) {
        sql.add("1 = 0");
      } else {
        sql.add("(" + col + " < ? OR " + col + " IS NULL)");
        params.add(m);
      }
    }
  }
}
