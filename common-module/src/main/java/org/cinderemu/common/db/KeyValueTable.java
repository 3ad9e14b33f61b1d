package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cinder's key/value side tables ({@code volume_metadata}, {@code volume_admin_metadata},
 * {@code backup_metadata}, {@code volume_type_extra_specs}): one soft-deletable row per key of an owner.
 */
final class KeyValueTable {

  private final Database db;
  private final String table;
  private final String owner;
  private final String key;
  private final String value;
  private final String softDeleteKey;

  KeyValueTable(Database db, String table, String ownerColumn) {
    this.db = db;
    this.table = table;
    this.owner = ownerColumn;
    this.key = db.q("key");
    this.value = db.q("value");
    this.softDeleteKey = "UPDATE " + table + " SET deleted = TRUE, deleted_at = ?, updated_at = ? WHERE " + owner
        + " = ? AND " + key + " = ? AND deleted = FALSE";
  }

  Future<Map<String, String>> get(SqlClient client, String ownerId) {
    return getAll(client, List.of(ownerId)).map(all -> all.getOrDefault(ownerId, new LinkedHashMap<>()));
  }

  /** Live entries of each owner, in insertion order; owners without entries are absent. */
  Future<Map<String, Map<String, String>>> getAll(SqlClient client, Collection<String> ownerIds) {
    if (ownerIds.isEmpty()) {
      return Future.succeededFuture(new LinkedHashMap<>());
    }
    SqlParts where = new SqlParts().and("deleted = FALSE").matches(owner, new ArrayList<>(ownerIds));
    String sql = "SELECT " + owner + ", " + key + ", " + value + " FROM " + table + where.where() + " ORDER BY id";
    return client.preparedQuery(sql).execute(SqlParts.tuple(where.params())).map(rows -> {
      Map<String, Map<String, String>> result = new LinkedHashMap<>();
      for (Row r : rows) {
        result.computeIfAbsent(Rows.string(r, owner), k -> new LinkedHashMap<>())
            .put(Rows.string(r, "key"), Rows.string(r, "value"));
      }
      return result;
    });
  }

  /** Inserts entries for a new owner, inside the caller's transaction. */
  Future<Void> insert(SqlClient client, String ownerId, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    entries.forEach((k, v) -> batch.add(SqlParts.tuple(db.now(), false, ownerId, k, v)));
    return client.preparedQuery("INSERT INTO " + table + " (created_at, deleted, " + owner + ", " + key + ", "
        + value + ") VALUES (?, ?, ?, ?, ?)").executeBatch(batch).mapEmpty();
  }

  /**
   * Cinder's {@code *_metadata_update(owner, metadata, delete)}: changed keys are updated, new ones added,
   * and with {@code replace} the keys not given are soft-deleted. Returns the resulting entries.
   */
  Future<Map<String, String>> set(String ownerId, Map<String, String> entries, boolean replace) {
    return set(ownerId, entries, replace, -1);
  }

  /**
   * {@link #set(String, Map, boolean)} refusing, in the same transaction, a result of more than
   * {@code maxEntries} entries ({@link TooManyItemsException}; negative = no limit). Each kind of change is
   * one batched statement, so replacing thousands of keys costs a few round trips, not one per key.
   */
  Future<Map<String, String>> set(String ownerId, Map<String, String> entries, boolean replace, int maxEntries) {
    if (replace && entries.isEmpty()) {
      // clearing needs no look at what is there: one UPDATE by owner, whatever the number of keys
      return db.pool().withTransaction(conn -> deleteAll(conn, ownerId)).map(v -> new LinkedHashMap<>());
    }
    return db.pool().withTransaction(conn -> get(conn, ownerId).compose(current -> {
      Map<String, String> added = new LinkedHashMap<>();
      List<Tuple> changed = new ArrayList<>();
      LocalDateTime now = db.now();
      entries.forEach((k, v) -> {
        if (!current.containsKey(k)) {
          added.put(k, v);
        } else if (!Objects.equals(current.get(k), v)) {
          changed.add(SqlParts.tuple(v, now, ownerId, k));
        }
      });
      List<String> removed = replace
          ? current.keySet().stream().filter(k -> !entries.containsKey(k)).toList() : List.of();
      // what get() would read back: kept rows in id order with their new values, then the inserted ones
      Map<String, String> result = new LinkedHashMap<>(current);
      removed.forEach(result::remove);
      result.putAll(entries);
      if (maxEntries >= 0 && result.size() > maxEntries) {
        return Future.failedFuture(new TooManyItemsException(maxEntries));
      }
      return updateValues(conn, changed)
          .compose(v -> softDelete(conn, ownerId, removed))
          .compose(v -> insert(conn, ownerId, added))
          .map(v -> result);
    }));
  }

  private Future<Void> updateValues(SqlClient client, List<Tuple> changes) {
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    return client.preparedQuery("UPDATE " + table + " SET " + value + " = ?, updated_at = ? WHERE " + owner
        + " = ? AND " + key + " = ? AND deleted = FALSE").executeBatch(changes).mapEmpty();
  }

  private Future<Void> softDelete(SqlClient client, String ownerId, List<String> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    LocalDateTime now = db.now();
    List<Tuple> batch = keys.stream().map(k -> SqlParts.tuple(now, now, ownerId, k)).toList();
    return client.preparedQuery(softDeleteKey).executeBatch(batch).mapEmpty();
  }

  Future<Boolean> delete(String ownerId, String k) {
    return softDelete(db.pool(), ownerId, k);
  }

  private Future<Boolean> softDelete(SqlClient client, String ownerId, String k) {
    LocalDateTime now = db.now();
    return client.preparedQuery(softDeleteKey).execute(SqlParts.tuple(now, now, ownerId, k))
        .map(rs -> rs.rowCount() > 0);
  }

  /** Soft-deletes every entry of an owner that is itself being soft-deleted. */
  Future<Void> deleteAll(SqlClient client, String ownerId) {
    LocalDateTime now = db.now();
    return client.preparedQuery("UPDATE " + table + " SET deleted = TRUE, deleted_at = ?, updated_at = ?"
            + " WHERE " + owner + " = ? AND deleted = FALSE")
        .execute(SqlParts.tuple(now, now, ownerId)).mapEmpty();
  }
}
