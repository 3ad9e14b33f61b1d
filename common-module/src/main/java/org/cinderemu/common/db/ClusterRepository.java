package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cinderemu.common.objects.Cluster;
import org.cinderemu.common.objects.Service;

/**
 * {@code clusters} (docs/cinder-reference.md §5.1, §9.2): one row per (name, binary) of an active-active cluster,
 * created by its first member. Listings carry what Cinder derives from the members: the newest heartbeat and
 * how many hosts are up or down.
 */
public final class ClusterRepository {

  private static final List<String> COLUMNS = List.of("id", "name", "binary", "disabled", "disabled_reason",
      "replication_status", "active_backend_id", "frozen", "created_at", "updated_at", "deleted_at", "deleted");

  private final Database db;
  private final RowTable<Cluster> table;

  ClusterRepository(Database db) {
    this.db = db;
    this.table = new RowTable<>(db, "clusters", "Cluster", COLUMNS, RowTable.each(ClusterRepository::fromRow));
  }

  /** The live row of (name, binary), inserted when missing; a member starting at the same time may win. */
  public Future<Cluster> ensure(String name, String binary) {
    return find(name, binary).compose(found -> found.isPresent() ? Future.succeededFuture(found.get())
        : db.pool().preparedQuery("INSERT INTO clusters (name, " + db.q("binary") + ", disabled, race_preventer,"
                + " frozen, created_at, deleted) VALUES (?, ?, FALSE, 0, FALSE, ?, FALSE)")
            .execute(SqlParts.tuple(name, binary, db.now())).<Void>mapEmpty()
            .recover(e -> SqlErrors.isUniqueViolation(e) ? Future.succeededFuture() : Future.failedFuture(e))
            .compose(v -> find(name, binary)).map(Optional::get));
  }

  public Future<Optional<Cluster>> find(String name, String binary) {
    return table.first(new SqlParts().and("name = ?", name).and(db.q("binary") + " = ?", binary)
        .and("deleted = FALSE"));
  }

  /** Live clusters (optionally of one name and/or binary) with their members' heartbeat and up/down counts. */
  public Future<List<Cluster>> list(String name, String binary, Duration serviceDownTime) {
    SqlParts where = new SqlParts().and("deleted = FALSE");
    if (name != null) {
      where.and("name = ?", name);
    }
    if (binary != null) {
      where.and(db.q("binary") + " = ?", binary);
    }
    return table.query(where, " ORDER BY id").compose(clusters -> db.services().list().map(services -> {
      LocalDateTime now = db.now();
      List<Cluster> out = new ArrayList<>();
      for (Cluster c : clusters) {
        out.add(withMembers(c, services, now, serviceDownTime));
      }
      return out;
    }));
  }

  static Cluster withMembers(Cluster c, List<Service> services, LocalDateTime now, Duration serviceDownTime) {
    LocalDateTime last = null;
    int hosts = 0;
    int down = 0;
    for (Service s : services) {
      if (!c.name().equals(s.clusterName()) || !c.binary().equals(s.binary())) {
        continue;
      }
      hosts++;
      if (!ServiceRepository.isUp(s, now, serviceDownTime)) {
        down++;
      }
      if (s.updatedAt() != null && (last == null || s.updatedAt().isAfter(last))) {
        last = s.updatedAt();
      }
    }
    return c.withMembers(last, hosts, down);
  }

  /** Cinder's {@code Cluster.is_up}: the newest member heartbeat is no older than {@code serviceDownTime}. */
  public static boolean isUp(Cluster c, LocalDateTime now, Duration serviceDownTime) {
    return c.lastHeartbeat() != null && !c.lastHeartbeat().isBefore(now.minus(serviceDownTime));
  }

  /** Enable / disable with a reason (null clears it). */
  public Future<Boolean> setDisabled(int id, boolean disabled, String reason) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("disabled", disabled);
    values.put("disabled_reason", reason);
    return table.update(id, values);
  }

  /** Compare-and-set of {@code frozen} (freeze / thaw of a clustered backend); false when it already was. */
  public Future<Boolean> setFrozen(int id, boolean frozen) {
    return table.conditionalUpdate(id, Map.of("frozen", !frozen), Map.of("frozen", frozen));
  }

  /** {@code cinder-manage cluster remove}: the row is soft-deleted. */
  public Future<Boolean> softDelete(int id) {
    return table.softDelete(id, null);
  }

  private static Cluster fromRow(Row r) {
    return new Cluster(Rows.integer(r, "id"), Rows.string(r, "name"), Rows.string(r, "binary"),
        Rows.bool(r, "disabled", false), Rows.string(r, "disabled_reason"), Rows.string(r, "replication_status"),
        Rows.string(r, "active_backend_id"), Rows.bool(r, "frozen", false), Rows.time(r, "created_at"),
        Rows.time(r, "updated_at"), null, 0, 0);
  }
}
