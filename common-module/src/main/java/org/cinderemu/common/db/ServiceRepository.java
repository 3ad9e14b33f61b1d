package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.objects.fields.ReplicationStatus;

/** {@code services}: one row per running service (host + binary), its heartbeat and its admin state. */
public final class ServiceRepository {

  private static final List<String> COLUMNS = List.of("id", "uuid", "cluster_name", "host", "binary", "topic",
      "report_count", "disabled", "availability_zone", "disabled_reason", "modified_at", "rpc_current_version",
      "object_current_version", "replication_status", "active_backend_id", "frozen", "created_at", "updated_at",
      "deleted_at", "deleted");

  private static final Set<String> UPDATABLE = Set.of("cluster_name", "host", "binary", "topic", "disabled",
      "availability_zone", "disabled_reason", "modified_at", "rpc_current_version", "object_current_version",
      "replication_status", "active_backend_id", "frozen", "updated_at");

  private final Database db;
  private final RowTable<Service> table;

  public ServiceRepository(Database db) {
    this.db = db;
    this.table = new RowTable<>(db, "services", "Service", COLUMNS, RowTable.each(ServiceRepository::fromRow))
        .updatable(UPDATABLE)
        .leavingUpdatedAt();
  }

  /**
   * A starting service's row (docs/cinder-reference.md §5.4 step 1): the live row of (host, binary) gets the new topic,
   * zone, versions and cluster, keeping its id, admin state and counters; without one (first start, or
   * after {@code cinder-manage service remove}) a new row is inserted, as Cinder does. A new row has no
   * {@code updated_at} until its first heartbeat.
   */
  public Future<Service> register(Service wanted) {
    return findByHostAndBinary(wanted.host(), wanted.binary()).compose(existing -> {
      if (existing.isPresent()) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("topic", wanted.topic());
        values.put("availability_zone", wanted.availabilityZone());
        values.put("rpc_current_version", wanted.rpcCurrentVersion());
        values.put("object_current_version", wanted.objectCurrentVersion());
        values.put("cluster_name", wanted.clusterName());
        if (wanted.replicationStatus() != null) {
          values.put("replication_status", wanted.replicationStatus());
        }
        int id = existing.get().id();
        return update(id, values).compose(v -> get(id));
      }
      return insert(wanted);
    });
  }

  private Future<Service> insert(Service s) {
    String uuid = s.uuid() != null ? s.uuid() : UUID.randomUUID().toString();
    return db.pool().preparedQuery("INSERT INTO services (uuid, cluster_name, host, " + db.q("binary")
            + ", topic, report_count, disabled, availability_zone, disabled_reason, rpc_current_version, "
            + "object_current_version, replication_status, active_backend_id, frozen, created_at, deleted) "
            + "VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)")
        .execute(SqlParts.tuple(uuid, s.clusterName(), s.host(), s.binary(), s.topic(), s.disabled(),
            s.availabilityZone(), s.disabledReason(), s.rpcCurrentVersion(), s.objectCurrentVersion(),
            s.replicationStatus() != null ? s.replicationStatus() : ReplicationStatus.NOT_CAPABLE.wire(),
            s.activeBackendId(), s.frozen(), db.now()))
        .compose(rs -> table.first(new SqlParts().and("uuid = ?", uuid)))
        .map(Optional::get);
  }

  /** {@code report_state}: report_count + 1 and updated_at = now. False when the row is gone. */
  public Future<Boolean> heartbeat(int id) {
    return db.pool().preparedQuery("UPDATE services SET report_count = report_count + 1, updated_at = ?"
            + " WHERE id = ? AND deleted = FALSE")
        .execute(SqlParts.tuple(db.now(), id))
        .map(rs -> rs.rowCount() > 0);
  }

  public Future<Optional<Service>> find(int id) {
    return table.find(id, false);
  }

  public Future<Service> get(int id) {
    return table.get(id);
  }

  /** The live row of exactly this host string and binary (Cinder's {@code Service.get_by_args}). */
  public Future<Optional<Service>> findByHostAndBinary(String host, String binary) {
    return table.first(new SqlParts().and("host = ?", host).and(db.q("binary") + " = ?", binary)
        .and("deleted = FALSE"));
  }

  public Future<List<Service>> list() {
    return list(null, null);
  }

  /**
   * Live services, optionally of one binary and/or matching a host at Cinder's host levels
   * (docs/cinder-reference.md §1.4).
   */
  public Future<List<Service>> list(String host, String binary) {
    SqlParts where = new SqlParts().and("deleted = FALSE");
    if (host != null) {
      where.hostMatches("host", host);
    }
    if (binary != null) {
      where.and(db.q("binary") + " = ?", binary);
    }
    return table.query(where, " ORDER BY id");
  }

  /** Live services of a topic (the scheduler reads {@code cinder-volume} and filters up/enabled itself). */
  public Future<List<Service>> listByTopic(String topic) {
    return table.query(new SqlParts().and("deleted = FALSE").and("topic = ?", topic), " ORDER BY id");
  }

  /**
   * Enable / disable, keeping the reason. Sets {@code modified_at} and, as Cinder's {@code service_update}
   * does, leaves {@code updated_at} alone so that disabling a dead service does not make it look alive.
   */
  public Future<Boolean> setDisabled(int id, boolean disabled) {
    return update(id, Map.of("disabled", disabled, "modified_at", db.now()));
  }

  /** Enable / disable with a reason (null clears it); see {@link #setDisabled(int, boolean)}. */
  public Future<Boolean> setDisabled(int id, boolean disabled, String reason) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("disabled", disabled);
    values.put("disabled_reason", reason);
    values.put("modified_at", db.now());
    return update(id, values);
  }

  /**
   * Sets columns by their Cinder names (frozen, replication_status, active_backend_id, ...). Does not
   * touch {@code updated_at}: in this table it is the heartbeat.
   */
  public Future<Boolean> update(int id, Map<String, ?> values) {
    return table.update(id, values);
  }

  /** Compare-and-set of {@code frozen} (freeze / thaw); false when the service already was in that state. */
  public Future<Boolean> setFrozen(int id, boolean frozen) {
    return table.conditionalUpdate(id, Map.of("frozen", !frozen), Map.of("frozen", frozen));
  }

  /** The live members of a cluster ({@code cluster@backend}) of one binary. */
  public Future<List<Service>> listByCluster(String clusterName, String binary) {
    return table.query(new SqlParts().and("deleted = FALSE").hostMatches("cluster_name", clusterName)
        .and(db.q("binary") + " = ?", binary), " ORDER BY id");
  }

  /** {@code cinder-manage service remove}: the row is soft-deleted; a running service re-registers. */
  public Future<Boolean> softDelete(int id) {
    return table.softDelete(id, null);
  }

  /**
   * Cinder's {@code Service.get_minimum_rpc_version(binary)}: the lowest {@code rpc_current_version} among
   * the live services of a binary; RPC clients cap the versions they send with it (docs/cinder-reference.md §3.7).
   */
  public Future<Optional<String>> minimumRpcVersion(String binary) {
    return list(null, binary).map(services -> services.stream()
        .map(Service::rpcCurrentVersion)
        .filter(v -> v != null && !v.isEmpty())
        .min(ServiceRepository::compareVersions));
  }

  /**
   * {@code Service.is_up} (docs/cinder-reference.md §5.3): a heartbeat no older than {@code serviceDownTime}. The
   * scheduler and {@code cinder-manage service list} decide with this.
   */
  public static boolean isUp(Service service, LocalDateTime now, Duration serviceDownTime) {
    LocalDateTime last = service.updatedAt();
    return last != null && !last.isBefore(now.minus(serviceDownTime));
  }

  /**
   * The os-services API's state (docs/cinder-reference.md §5.3): the latest of updated_at (or created_at) and
   * modified_at, up when it is within {@code serviceDownTime} of now in either direction.
   */
  public static boolean isUpForApi(Service service, LocalDateTime now, Duration serviceDownTime) {
    LocalDateTime last = service.updatedAt() != null ? service.updatedAt() : service.createdAt();
    if (service.modifiedAt() != null && (last == null || service.modifiedAt().isAfter(last))) {
      last = service.modifiedAt();
    }
    return last != null && Duration.between(last, now).abs().compareTo(serviceDownTime) <= 0;
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
      int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }

  private static Service fromRow(Row r) {
    return Service.builder()
        .id(Rows.integer(r, "id"))
        .uuid(Rows.string(r, "uuid"))
        .clusterName(Rows.string(r, "cluster_name"))
        .host(Rows.string(r, "host"))
        .binary(Rows.string(r, "binary"))
        .topic(Rows.string(r, "topic"))
        .reportCount(Rows.integer(r, "report_count", 0))
        .disabled(Rows.bool(r, "disabled", false))
        .availabilityZone(Rows.string(r, "availability_zone"))
        .disabledReason(Rows.string(r, "disabled_reason"))
        .modifiedAt(Rows.time(r, "modified_at"))
        .rpcCurrentVersion(Rows.string(r, "rpc_current_version"))
        .objectCurrentVersion(Rows.string(r, "object_current_version"))
        .replicationStatus(Rows.string(r, "replication_status"))
        .activeBackendId(Rows.string(r, "active_backend_id"))
        .frozen(Rows.bool(r, "frozen", false))
        .createdAt(Rows.time(r, "created_at"))
        .updatedAt(Rows.time(r, "updated_at"))
        .deletedAt(Rows.time(r, "deleted_at"))
        .deleted(Rows.bool(r, "deleted", false))
        .build();
  }
}
