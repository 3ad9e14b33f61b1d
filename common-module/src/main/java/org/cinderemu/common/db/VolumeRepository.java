package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cinderemu.common.objects.Volume;

/**
 * {@code volumes} with {@code volume_metadata} and {@code volume_admin_metadata}. Reads hide soft-deleted
 * rows and come back with metadata and the volume type loaded, ready for the versioned-object codec.
 * Status changes go through {@link #updateStatus} / {@link #conditionalUpdate}, never read-then-write.
 */
public final class VolumeRepository extends ResourceRepository<Volume> {

  static final List<String> COLUMNS = List.of("id", "_name_id", "ec2_id", "user_id", "project_id", "use_quota",
      "snapshot_id", "cluster_name", "host", "size", "availability_zone", "status", "attach_status",
      "migration_status", "scheduled_at", "launched_at", "terminated_at", "display_name", "display_description",
      "provider_id", "provider_location", "provider_auth", "provider_geometry", "volume_type_id", "source_volid",
      "encryption_key_id", "consistencygroup_id", "group_id", "deleted", "bootable", "multiattach",
      "replication_status", "replication_extended_status", "replication_driver_data", "previous_status",
      "service_uuid", "shared_targets", "created_at", "updated_at", "deleted_at");

  private static final String SOFT_DELETE_SET = "status = 'deleted', migration_status = NULL";

  private final KeyValueTable adminMetadata;
  private final VolumeTypeRepository types;

  public VolumeRepository(Database db) {
    this(db, new KeyValueTable(db, "volume_admin_metadata", "volume_id"));
  }

  // the list's host / cluster_name filters match by host level (docs/cinder-reference.md §1.4)
  private VolumeRepository(Database db, KeyValueTable adminMetadata) {
    super(db, "volumes", "Volume", COLUMNS, "volume_metadata", "volume_id", Set.of("host", "cluster_name"),
        adminMetadata);
    this.adminMetadata = adminMetadata;
    this.types = new VolumeTypeRepository(db);
  }

  /**
   * Compare-and-set of the status that gives {@code gigabytes} of the volume's quota back in the same
   * transaction, and only if it applied: a failed or refused extend returns what it reserved exactly once.
   */
  public Future<Boolean> updateStatusReleasingGigabytes(Volume vol, Collection<String> expectedStatuses,
      String newStatus, Map<String, ?> extra, int gigabytes) {
    Map<String, Integer> quota = vol.useQuota() && gigabytes > 0 ? Map.of("gigabytes", gigabytes) : Map.of();
    return db.quotas().inTransaction(vol.projectId(), quota.keySet(), tx ->
        updateStatus(tx.connection(), vol.id(), expectedStatuses, newStatus, extra)
            .compose(won -> tx.releaseIf(won, quota)));
  }

  /** Inserts the row with its metadata; a fresh uuid when {@code id} is null, created_at now when unset. */
  public Future<Volume> insert(Volume v) {
    return db.pool().withTransaction(conn -> insert(conn, v)).compose(this::get);
  }

  /**
   * {@link #insert(Volume)} inside the caller's transaction (with the quota it takes, see
   * {@link QuotaRepository#inTransaction}); the new id, to be read back once committed.
   */
  public Future<String> insert(SqlClient client, Volume v) {
    String id = v.id() != null ? v.id() : UUID.randomUUID().toString();
    Volume row = v.toBuilder().id(id).createdAt(v.createdAt() != null ? v.createdAt() : db.now()).build();
    return table.insert(client, params(row), conn -> metadata.insert(conn, id, row.metadata())
        .compose(x -> adminMetadata.insert(conn, id, row.adminMetadata()))).map(id);
  }

  /**
   * Live volumes on {@code host} at Cinder's host levels (docs/cinder-reference.md §1.4): {@code node@lvm#pool}
   * exactly, {@code node@lvm} with its pools, {@code node} with all its backends. Any status when none are given.
   */
  public Future<List<Volume>> listByHost(String host, Collection<String> statuses) {
    return listAt("host", host, statuses);
  }

  /** Volumes of a cluster ({@code cluster@backend} matches its pools too), optionally of some statuses. */
  public Future<List<Volume>> listByCluster(String clusterName, Collection<String> statuses) {
    return listAt("cluster_name", clusterName, statuses);
  }

  /**
   * A service newly added to a cluster gives the volumes of its backend the cluster's name, keeping each
   * volume's pool (docs/cinder-reference.md §5.4). Returns how many rows changed.
   */
  public Future<Integer> joinCluster(String serviceHost, String clusterName) {
    return listByHost(serviceHost, null).compose(vols -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Volume v : vols) {
        String pool = org.cinderemu.common.host.HostString.extract(v.host(), org.cinderemu.common.host.HostString.Level.POOL);
        String name = org.cinderemu.common.host.HostString.append(clusterName, pool);
        chain = chain.compose(n -> update(v.id(), java.util.Map.of("cluster_name", name))
            .map(ok -> ok ? n + 1 : n));
      }
      return chain;
    });
  }

  private Future<List<Volume>> listAt(String column, String value, Collection<String> statuses) {
    SqlParts where = new SqlParts().and("deleted = FALSE").hostMatches(column, value);
    if (statuses != null && !statuses.isEmpty()) {
      where.matches("status", List.copyOf(statuses));
    }
    return table.query(where, " ORDER BY created_at, id");
  }

  /**
   * {@code cinder-manage volume update_host}: every live volume whose host is {@code currentHost} or one of
   * its pools gets {@code newHost} verbatim. Returns how many changed.
   */
  public Future<Integer> updateHost(String currentHost, String newHost) {
    return db.pool().preparedQuery("UPDATE volumes SET host = ?, updated_at = ? WHERE deleted = FALSE"
            + " AND (host = ? OR host LIKE ? ESCAPE '!')")
        .execute(SqlParts.tuple(newHost, db.now(), currentHost, SqlParts.startsWith(currentHost + "#")))
        .map(rs -> rs.rowCount());
  }

  /**
   * {@code volume_destroy}: status {@code deleted}, deleted = true, deleted_at = now, migration_status
   * cleared, and its metadata soft-deleted with it. False when there was no live volume.
   */
  public Future<Boolean> softDelete(String id) {
    return table.softDelete(id, SOFT_DELETE_SET);
  }

  /**
   * {@link #softDelete(String)} inside the caller's transaction: true only for the one caller whose UPDATE
   * deleted the row, the one that may give its quota and capacity back.
   */
  public Future<Boolean> softDelete(SqlClient client, String id) {
    return table.softDelete(client, id, SOFT_DELETE_SET);
  }

  public Future<Map<String, String>> setAdminMetadata(String id, Map<String, String> values, boolean replace) {
    return adminMetadata.set(id, values, replace);
  }

  /** Volumes with their metadata, admin metadata and volume type. */
  @Override
  Future<List<Volume>> load(SqlClient client, List<Row> rows) {
    List<String> ids = RowTable.ids(rows);
    Set<String> typeIds = new LinkedHashSet<>();
    rows.forEach(r -> {
      String t = Rows.string(r, "volume_type_id");
      if (t != null) {
        typeIds.add(t);
      }
    });
    var meta = metadata.getAll(client, ids);
    var admin = adminMetadata.getAll(client, ids);
    var volumeTypes = types.findByIds(client, typeIds);
    return Future.all(meta, admin, volumeTypes).map(x -> {
      List<Volume> result = new ArrayList<>();
      for (Row r : rows) {
        String id = Rows.string(r, "id");
        result.add(fromRow(r)
            .metadata(meta.result().getOrDefault(id, Map.of()))
            .adminMetadata(admin.result().getOrDefault(id, Map.of()))
            .volumeType(volumeTypes.result().get(Rows.string(r, "volume_type_id")))
            .build());
      }
      return result;
    });
  }

  private static List<Object> params(Volume v) {
    List<Object> p = new ArrayList<>();
    p.add(v.id());
    p.add(v.nameId());
    p.add(v.ec2Id());
    p.add(v.userId());
    p.add(v.projectId());
    p.add(v.useQuota());
    p.add(v.snapshotId());
    p.add(v.clusterName());
    p.add(v.host());
    p.add(v.size());
    p.add(v.availabilityZone());
    p.add(v.status());
    p.add(v.attachStatus());
    p.add(v.migrationStatus());
    p.add(v.scheduledAt());
    p.add(v.launchedAt());
    p.add(v.terminatedAt());
    p.add(v.displayName());
    p.add(v.displayDescription());
    p.add(v.providerId());
    p.add(v.providerLocation());
    p.add(v.providerAuth());
    p.add(v.providerGeometry());
    p.add(v.volumeTypeId());
    p.add(v.sourceVolid());
    p.add(v.encryptionKeyId());
    p.add(v.consistencygroupId());
    p.add(v.groupId());
    p.add(v.deleted());
    p.add(v.bootable());
    p.add(v.multiattach());
    p.add(v.replicationStatus());
    p.add(v.replicationExtendedStatus());
    p.add(v.replicationDriverData());
    p.add(v.previousStatus());
    p.add(v.serviceUuid());
    p.add(v.sharedTargets());
    p.add(v.createdAt());
    p.add(v.updatedAt());
    p.add(v.deletedAt());
    return p;
  }

  private static Volume.Builder fromRow(Row r) {
    return Volume.builder()
        .id(Rows.string(r, "id"))
        .nameId(Rows.string(r, "_name_id"))
        .ec2Id(Rows.string(r, "ec2_id"))
        .userId(Rows.string(r, "user_id"))
        .projectId(Rows.string(r, "project_id"))
        .useQuota(Rows.bool(r, "use_quota", true))
        .snapshotId(Rows.string(r, "snapshot_id"))
        .clusterName(Rows.string(r, "cluster_name"))
        .host(Rows.string(r, "host"))
        .size(Rows.integer(r, "size"))
        .availabilityZone(Rows.string(r, "availability_zone"))
        .status(Rows.string(r, "status"))
        .attachStatus(Rows.string(r, "attach_status"))
        .migrationStatus(Rows.string(r, "migration_status"))
        .scheduledAt(Rows.time(r, "scheduled_at"))
        .launchedAt(Rows.time(r, "launched_at"))
        .terminatedAt(Rows.time(r, "terminated_at"))
        .displayName(Rows.string(r, "display_name"))
        .displayDescription(Rows.string(r, "display_description"))
        .providerId(Rows.string(r, "provider_id"))
        .providerLocation(Rows.string(r, "provider_location"))
        .providerAuth(Rows.string(r, "provider_auth"))
        .providerGeometry(Rows.string(r, "provider_geometry"))
        .volumeTypeId(Rows.string(r, "volume_type_id"))
        .sourceVolid(Rows.string(r, "source_volid"))
        .encryptionKeyId(Rows.string(r, "encryption_key_id"))
        .consistencygroupId(Rows.string(r, "consistencygroup_id"))
        .groupId(Rows.string(r, "group_id"))
        .deleted(Rows.bool(r, "deleted", false))
        .bootable(Rows.bool(r, "bootable", false))
        .multiattach(Rows.bool(r, "multiattach", false))
        .replicationStatus(Rows.string(r, "replication_status"))
        .replicationExtendedStatus(Rows.string(r, "replication_extended_status"))
        .replicationDriverData(Rows.string(r, "replication_driver_data"))
        .previousStatus(Rows.string(r, "previous_status"))
        .serviceUuid(Rows.string(r, "service_uuid"))
        .sharedTargets(Rows.bool(r, "shared_targets", true))
        .createdAt(Rows.time(r, "created_at"))
        .updatedAt(Rows.time(r, "updated_at"))
        .deletedAt(Rows.time(r, "deleted_at"));
  }
}
