package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cinderemu.common.objects.Backup;

/**
 * {@code backups} with {@code backup_metadata}. Reads hide soft-deleted rows; status changes are
 * compare-and-set like the volumes'. {@code host} is a plain host name here (docs/cinder-reference.md §1.6), matched
 * exactly. Every write cuts {@code fail_reason} to its column, so that no error message is too long to record.
 */
public final class BackupRepository extends ResourceRepository<Backup> {

  static final List<String> COLUMNS = List.of("id", "user_id", "project_id", "volume_id", "host",
      "availability_zone", "container", "parent_id", "status", "fail_reason", "size", "display_name",
      "display_description", "service_metadata", "service", "object_count", "temp_volume_id", "temp_snapshot_id",
      "num_dependent_backups", "snapshot_id", "data_timestamp", "restore_volume_id", "encryption_key_id",
      "created_at", "updated_at", "deleted_at", "deleted");
  /** {@code backups.fail_reason} is VARCHAR(255), as in Cinder's schema. */
  public static final int FAIL_REASON_LENGTH = 255;

  public BackupRepository(Database db) {
    super(db, "backups", "Backup", COLUMNS, "backup_metadata", "backup_id", Set.of());
  }

  /** Inserts the row with its metadata; a fresh uuid when {@code id} is null, created_at now when unset. */
  public Future<Backup> insert(Backup b) {
    return db.pool().withTransaction(conn -> insert(conn, b)).compose(this::get);
  }

  /** {@link #insert(Backup)} inside the caller's transaction (with its quota); the new id. */
  public Future<String> insert(SqlClient client, Backup b) {
    String id = b.id() != null ? b.id() : UUID.randomUUID().toString();
    Backup row = b.toBuilder().id(id).createdAt(b.createdAt() != null ? b.createdAt() : db.now())
        .failReason(fitted(b.failReason())).build();
    return table.insert(client, params(row), conn -> metadata.insert(conn, id, row.metadata())).map(id);
  }

  @Override
  public Future<Boolean> update(String id, Map<String, ?> values) {
    return super.update(id, fitted(values));
  }

  // the caller-transaction variants are the ones every status write ends in
  @Override
  public Future<Boolean> updateStatus(SqlClient client, String id, Collection<String> expectedStatuses,
      String newStatus, Map<String, ?> extra) {
    return super.updateStatus(client, id, expectedStatuses, newStatus, fitted(extra));
  }

  @Override
  public Future<Boolean> conditionalUpdate(String id, Map<String, ?> expected, Map<String, ?> values) {
    return super.conditionalUpdate(id, expected, fitted(values));
  }

  @Override
  public Future<Boolean> conditionalUpdate(SqlClient client, String id, Map<String, ?> expected,
      Map<String, ?> values) {
    return super.conditionalUpdate(client, id, expected, fitted(values));
  }

  /** {@code values} with a fail_reason that fits its column. */
  static Map<String, ?> fitted(Map<String, ?> values) {
    if (values == null || !(values.get("fail_reason") instanceof String reason)
        || reason.length() <= FAIL_REASON_LENGTH) {
      return values;
    }
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put("fail_reason", fitted(reason));
    return copy;
  }

  /** The reason cut to {@link #FAIL_REASON_LENGTH} characters, never in the middle of a surrogate pair. */
  static String fitted(String reason) {
    if (reason == null || reason.length() <= FAIL_REASON_LENGTH) {
      return reason;
    }
    int end = FAIL_REASON_LENGTH;
    if (Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--;
    }
    return reason.substring(0, end);
  }

  /** Live backups whose host is exactly {@code host} (backup_get_all_by_host), any status if none given. */
  public Future<List<Backup>> listByHost(String host, Collection<String> statuses) {
    SqlParts where = new SqlParts().and("deleted = FALSE").and("host = ?", host);
    if (statuses != null && !statuses.isEmpty()) {
      where.matches("status", List.copyOf(statuses));
    }
    return table.query(where, " ORDER BY created_at, id");
  }

  /** Live backups of a volume, oldest first. */
  public Future<List<Backup>> listByVolume(String volumeId) {
    return table.query(new SqlParts().and("deleted = FALSE").and("volume_id = ?", volumeId),
        " ORDER BY created_at, id");
  }

  /** {@code cinder-manage backup update_backup_host}: exact host match. Returns how many changed. */
  public Future<Integer> updateHost(String currentHost, String newHost) {
    return db.pool().preparedQuery("UPDATE backups SET host = ?, updated_at = ? WHERE deleted = FALSE AND host = ?")
        .execute(SqlParts.tuple(newHost, db.now(), currentHost))
        .map(rs -> rs.rowCount());
  }

  /** {@code backup_destroy}: status {@code deleted}, deleted = true, deleted_at = now, metadata with it. */
  public Future<Boolean> softDelete(String id) {
    return softDelete(db.pool(), id);
  }

  /** {@link #softDelete(String)} inside the caller's transaction; true only for the caller that deleted it. */
  public Future<Boolean> softDelete(SqlClient client, String id) {
    return table.softDelete(client, id, "status = 'deleted'");
  }

  /** Backups with their metadata. */
  @Override
  Future<List<Backup>> load(SqlClient client, List<Row> rows) {
    return metadata.getAll(client, RowTable.ids(rows)).map(meta -> {
      List<Backup> result = new ArrayList<>();
      for (Row r : rows) {
        result.add(fromRow(r).metadata(meta.getOrDefault(Rows.string(r, "id"), Map.of())).build());
      }
      return result;
    });
  }

  private static List<Object> params(Backup b) {
    List<Object> p = new ArrayList<>();
    p.add(b.id());
    p.add(b.userId());
    p.add(b.projectId());
    p.add(b.volumeId());
    p.add(b.host());
    p.add(b.availabilityZone());
    p.add(b.container());
    p.add(b.parentId());
    p.add(b.status());
    p.add(b.failReason());
    p.add(b.size());
    p.add(b.displayName());
    p.add(b.displayDescription());
    p.add(b.serviceMetadata());
    p.add(b.service());
    p.add(b.objectCount());
    p.add(b.tempVolumeId());
    p.add(b.tempSnapshotId());
    p.add(b.numDependentBackups());
    p.add(b.snapshotId());
    p.add(b.dataTimestamp());
    p.add(b.restoreVolumeId());
    p.add(b.encryptionKeyId());
    p.add(b.createdAt());
    p.add(b.updatedAt());
    p.add(b.deletedAt());
    p.add(b.deleted());
    return p;
  }

  private static Backup.Builder fromRow(Row r) {
    return Backup.builder()
        .id(Rows.string(r, "id"))
        .userId(Rows.string(r, "user_id"))
        .projectId(Rows.string(r, "project_id"))
        .volumeId(Rows.string(r, "volume_id"))
        .host(Rows.string(r, "host"))
        .availabilityZone(Rows.string(r, "availability_zone"))
        .container(Rows.string(r, "container"))
        .parentId(Rows.string(r, "parent_id"))
        .status(Rows.string(r, "status"))
        .failReason(Rows.string(r, "fail_reason"))
        .size(Rows.integer(r, "size"))
        .displayName(Rows.string(r, "display_name"))
        .displayDescription(Rows.string(r, "display_description"))
        .serviceMetadata(Rows.string(r, "service_metadata"))
        .service(Rows.string(r, "service"))
        .objectCount(Rows.integer(r, "object_count", 0))
        .tempVolumeId(Rows.string(r, "temp_volume_id"))
        .tempSnapshotId(Rows.string(r, "temp_snapshot_id"))
        .numDependentBackups(Rows.integer(r, "num_dependent_backups", 0))
        .snapshotId(Rows.string(r, "snapshot_id"))
        .dataTimestamp(Rows.time(r, "data_timestamp"))
        .restoreVolumeId(Rows.string(r, "restore_volume_id"))
        .encryptionKeyId(Rows.string(r, "encryption_key_id"))
        .createdAt(Rows.time(r, "created_at"))
        .updatedAt(Rows.time(r, "updated_at"))
        .deletedAt(Rows.time(r, "deleted_at"))
        .deleted(Rows.bool(r, "deleted", false));
  }
}
