package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the volumes and backups repositories share: one soft-deletable table with a metadata table,
 * compare-and-set status changes and the API's listing. Each subclass adds its columns, its insert, its
 * soft delete and the queries only its table has.
 */
public abstract class ResourceRepository<T> {

  final Database db;
  final KeyValueTable metadata;
  final RowTable<T> table;
  final Listing listing;

  /**
   * @param levelMatched list filters matched at Cinder's host levels (docs/cinder-reference.md §1.4) instead of exactly
   * @param alsoOwned    further side tables soft-deleted with a row (e.g. volume_admin_metadata)
   */
  ResourceRepository(Database db, String tableName, String resource, List<String> columns, String metadataTable,
      String ownerColumn, Set<String> levelMatched, KeyValueTable... alsoOwned) {
    this.db = db;
    this.metadata = new KeyValueTable(db, metadataTable, ownerColumn);
    List<KeyValueTable> owned = new ArrayList<>(List.of(metadata));
    owned.addAll(List.of(alsoOwned));
    this.table = new RowTable<>(db, tableName, resource, columns, this::load)
        .owning(owned.toArray(KeyValueTable[]::new));
    this.listing = new Listing(db, tableName, table.columnNames(), metadataTable, ownerColumn, levelMatched);
  }

  /** Rows to objects, with whatever the subclass joins in (metadata, volume type). */
  abstract Future<List<T>> load(SqlClient client, List<Row> rows);

  public Future<Optional<T>> find(String id) {
    return find(id, false);
  }

  /** With {@code includeDeleted}, a soft-deleted row is found too (status {@code deleted}). */
  public Future<Optional<T>> find(String id, boolean includeDeleted) {
    return table.find(id, includeDeleted);
  }

  /** The live row, or a failed future with {@link NotFoundException}. */
  public Future<T> get(String id) {
    return table.get(id);
  }

  /** Sets columns (Cinder names) of a live row and updated_at; false when there is no such row. */
  public Future<Boolean> update(String id, Map<String, ?> values) {
    return table.update(id, values);
  }

  /**
   * Compare-and-set of the status: applies {@code newStatus} plus {@code extra} columns only if the row
   * is live and its status is one of {@code expectedStatuses}. True when it applied.
   */
  public Future<Boolean> updateStatus(String id, Collection<String> expectedStatuses, String newStatus,
      Map<String, ?> extra) {
    return updateStatus(db.pool(), id, expectedStatuses, newStatus, extra);
  }

  /** {@link #updateStatus(String, Collection, String, Map)} inside the caller's transaction. */
  public Future<Boolean> updateStatus(SqlClient client, String id, Collection<String> expectedStatuses,
      String newStatus, Map<String, ?> extra) {
    return table.updateStatus(client, id, expectedStatuses, newStatus, extra);
  }

  /**
   * Cinder's {@code conditional_update}: {@code values} are written only where every {@code expected}
   * column still holds its value (null = IS NULL, a collection = any of, nulls allowed).
   */
  public Future<Boolean> conditionalUpdate(String id, Map<String, ?> expected, Map<String, ?> values) {
    return table.conditionalUpdate(id, expected, values);
  }

  /** {@link #conditionalUpdate(String, Map, Map)} inside the caller's transaction. */
  public Future<Boolean> conditionalUpdate(SqlClient client, String id, Map<String, ?> expected,
      Map<String, ?> values) {
    return table.conditionalUpdate(client, id, expected, values);
  }

  /** The API's list (see {@link ListQuery}). */
  public Future<List<T>> list(ListQuery q) {
    return table.list(listing, q);
  }

  /** How many rows {@code q} matches, ignoring its pagination ({@code with_count}). */
  public Future<Integer> count(ListQuery q) {
    return listing.count(q);
  }

  public Future<Map<String, String>> getMetadata(String id) {
    return metadata.get(db.pool(), id);
  }

  /** Cinder's {@code *_metadata_update}: merge, or with {@code replace} make it exactly {@code values}. */
  public Future<Map<String, String>> setMetadata(String id, Map<String, String> values, boolean replace) {
    return metadata.set(id, values, replace);
  }

  /** {@link #setMetadata(String, Map, boolean)} failing with {@link TooManyItemsException} past {@code max}. */
  public Future<Map<String, String>> setMetadata(String id, Map<String, String> values, boolean replace, int max) {
    return metadata.set(id, values, replace, max);
  }

  public Future<Boolean> deleteMetadata(String id, String key) {
    return metadata.delete(id, key);
  }
}
