package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The SQL every soft-deletable Cinder table is read and written with: SELECT into objects, INSERT of a whole
 * row, find / get by id, update and compare-and-set ({@link Updates}), soft delete with the key/value side
 * tables it owns, and the API list. A repository composes one and keeps only what is particular to its table.
 */
final class RowTable<T> {

  /** Turns selected rows into objects, loading whatever else they need through the same client. */
  @FunctionalInterface
  interface Loader<T> {
    Future<List<T>> load(SqlClient client, List<Row> rows);
  }

  private final Database db;
  private final String table;
  private final String resource;
  private final List<String> columns;
  private final Loader<T> loader;
  private final Set<String> updatable;
  private final boolean touchUpdatedAt;
  private final List<KeyValueTable> owned;
  private final String select;

  /**
   * {@code resource} names a missing row in {@link NotFoundException}; every column but id and the
   * created / deleted bookkeeping is updatable, and writes set {@code updated_at}, unless changed below.
   */
  RowTable(Database db, String table, String resource, List<String> columns, Loader<T> loader) {
    this(db, table, resource, columns, loader, allBut(columns, Set.of("id", "created_at", "deleted", "deleted_at")),
        true, List.of());
  }

  private RowTable(Database db, String table, String resource, List<String> columns, Loader<T> loader,
      Set<String> updatable, boolean touchUpdatedAt, List<KeyValueTable> owned) {
    this.db = db;
    this.table = table;
    this.resource = resource;
    this.columns = List.copyOf(columns);
    this.loader = loader;
    this.updatable = Set.copyOf(updatable);
    this.touchUpdatedAt = touchUpdatedAt;
    this.owned = List.copyOf(owned);
    this.select = "SELECT " + quoted(columns) + " FROM " + table;
  }

  /** Only these columns may be written by {@link #update} / {@link #conditionalUpdate}. */
  RowTable<T> updatable(Set<String> onlyThese) {
    return new RowTable<>(db, table, resource, columns, loader, onlyThese, touchUpdatedAt, owned);
  }

  /** Writes leave {@code updated_at} alone (in {@code services} it is the heartbeat). */
  RowTable<T> leavingUpdatedAt() {
    return new RowTable<>(db, table, resource, columns, loader, updatable, false, owned);
  }

  /** Side tables whose entries are soft-deleted with their row. */
  RowTable<T> owning(KeyValueTable... sideTables) {
    return new RowTable<>(db, table, resource, columns, loader, updatable, touchUpdatedAt, List.of(sideTables));
  }

  /** A loader mapping each row on its own. */
  static <T> Loader<T> each(Function<Row, T> mapper) {
    return (client, rows) -> Future.succeededFuture(rows.stream().map(mapper).toList());
  }

  /** The {@code id} column of each row, in order. */
  static List<String> ids(List<Row> rows) {
    return rows.stream().map(r -> Rows.string(r, "id")).toList();
  }

  Set<String> columnNames() {
    return Set.copyOf(columns);
  }

  /**
   * Inserts a row ({@code values} in column order) and, in the same transaction, whatever
   * {@code alsoInsert} writes (its side-table entries); then reads the row back.
   */
  Future<T> insert(String id, List<Object> values, Function<SqlClient, Future<?>> alsoInsert) {
    return db.pool().withTransaction(conn -> insert(conn, values, alsoInsert)).compose(x -> get(id));
  }

  /** {@link #insert(String, List, Function)} inside the caller's transaction, without the read-back. */
  Future<Void> insert(SqlClient client, List<Object> values, Function<SqlClient, Future<?>> alsoInsert) {
    String sql = "INSERT INTO " + table + " (" + quoted(columns) + ") VALUES ("
        + SqlParts.placeholders(columns.size()) + ")";
    int status = columns.indexOf("status");
    return client.preparedQuery(sql).execute(SqlParts.tuple(values))
        .onSuccess(rs -> {
          if (status >= 0) {
            db.statusChanged(table, values.get(columns.indexOf("id")), null, values.get(status));
          }
        })
        .compose(rs -> alsoInsert.apply(client))
        .mapEmpty();
  }

  Future<List<T>> query(SqlParts where, String tail) {
    return query(db.pool(), where, tail);
  }

  Future<List<T>> query(SqlClient client, SqlParts where, String tail) {
    return client.preparedQuery(select + where.where() + tail).execute(SqlParts.tuple(where.params()))
        .compose(rs -> {
          List<Row> rows = new ArrayList<>();
          rs.forEach(rows::add);
          return loader.load(client, rows);
        });
  }

  /** The matching row with the lowest id. */
  Future<Optional<T>> first(SqlParts where) {
    return query(where, " ORDER BY id").map(list -> list.stream().findFirst());
  }

  Future<Optional<T>> find(Object id, boolean includeDeleted) {
    SqlParts where = new SqlParts().and("id = ?", id);
    if (!includeDeleted) {
      where.and("deleted = FALSE");
    }
    return first(where);
  }

  /** The live row, or a failed future with {@link NotFoundException}. */
  Future<T> get(Object id) {
    return find(id, false).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new NotFoundException(resource, id))));
  }

  Future<Boolean> update(Object id, Map<String, ?> values) {
    return conditionalUpdate(id, Map.of(), values);
  }

  Future<Boolean> conditionalUpdate(Object id, Map<String, ?> expected, Map<String, ?> values) {
    return conditionalUpdate(db.pool(), id, expected, values);
  }

  /** {@link #conditionalUpdate(Object, Map, Map)} inside the caller's transaction. */
  Future<Boolean> conditionalUpdate(SqlClient client, Object id, Map<String, ?> expected, Map<String, ?> values) {
    return Updates.apply(db, client, table, updatable, id, expected, values, touchUpdatedAt);
  }

  /** Compare-and-set of {@code status}, writing {@code extra} columns with it. */
  Future<Boolean> updateStatus(SqlClient client, Object id, Collection<String> expectedStatuses, String newStatus,
      Map<String, ?> extra) {
    Map<String, Object> values = new LinkedHashMap<>(extra == null ? Map.of() : extra);
    values.put("status", newStatus);
    return conditionalUpdate(client, id, Map.of("status", List.copyOf(expectedStatuses)), values);
  }

  /** The API's list with {@code listing}'s filters, marker and sort keys. */
  Future<List<T>> list(Listing listing, ListQuery q) {
    // compose turns a bad filter or sort key into a failed future instead of a throw
    return Future.succeededFuture(q).compose(x -> {
      SqlParts where = listing.filters(q);
      return listing.page(q, where, select).compose(tail -> query(where, tail));
    });
  }

  /** Soft-deletes the live row with its side-table entries; false when there was none. */
  Future<Boolean> softDelete(Object id, String alsoSet) {
    return owned.isEmpty() ? softDelete(db.pool(), id, alsoSet)
        : db.pool().withTransaction(conn -> softDelete(conn, id, alsoSet));
  }

  /**
   * {@link #softDelete(Object, String)} inside the caller's transaction. {@code alsoSet} (may be null)
   * is more of the SET clause, such as {@code status = 'deleted'}.
   */
  Future<Boolean> softDelete(SqlClient client, Object id, String alsoSet) {
    StringJoiner set = new StringJoiner(", ");
    List<Object> params = new ArrayList<>();
    set.add("deleted = TRUE").add("deleted_at = ?");
    params.add(db.now());
    if (touchUpdatedAt) {
      set.add("updated_at = ?");
      params.add(params.get(0));
    }
    if (alsoSet != null) {
      set.add(alsoSet);
    }
    params.add(id);
    return client.preparedQuery("UPDATE " + table + " SET " + set + " WHERE id = ? AND deleted = FALSE")
        .execute(SqlParts.tuple(params))
        .compose(rs -> {
          if (rs.rowCount() == 0) {
            return Future.succeededFuture(false);
          }
          if (alsoSet != null && alsoSet.contains("status = 'deleted'")) {
            db.statusChanged(table, id, null, "deleted");
          }
          Future<Void> cascade = Future.succeededFuture();
          for (KeyValueTable sideTable : owned) {
            cascade = cascade.compose(v -> sideTable.deleteAll(client, String.valueOf(id)));
          }
          return cascade.map(true);
        });
  }

  private String quoted(List<String> names) {
    StringJoiner j = new StringJoiner(", ");
    names.forEach(n -> j.add(db.q(n)));
    return j.toString();
  }

  private static Set<String> allBut(List<String> columns, Set<String> excluded) {
    Set<String> result = new LinkedHashSet<>(columns);
    result.removeAll(excluded);
    return result;
  }
}
