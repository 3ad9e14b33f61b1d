package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cinderemu.common.objects.VolumeType;

/** {@code volume_types} and their {@code volume_type_extra_specs}. Names are unique among live types. */
public final class VolumeTypeRepository {

  static final String COLUMNS = "id, name, description, is_public, qos_specs_id, created_at, updated_at, "
      + "deleted_at, deleted";
  private static final Set<String> UPDATABLE = Set.of("name", "description", "is_public", "qos_specs_id");

  private final Database db;
  private final KeyValueTable extraSpecs;

  public VolumeTypeRepository(Database db) {
    this.db = db;
    this.extraSpecs = new KeyValueTable(db, "volume_type_extra_specs", "volume_type_id");
  }

  /** Inserts a type and its extra specs; a fresh uuid when {@code id} is null. DuplicateException on a live name. */
  public Future<VolumeType> create(VolumeType type) {
    String id = type.id() != null ? type.id() : UUID.randomUUID().toString();
    LocalDateTime now = db.now();
    return db.pool().withTransaction(conn -> conn.preparedQuery("INSERT INTO volume_types (id, name, description, "
                + "is_public, qos_specs_id, created_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(SqlParts.tuple(id, type.name(), type.description(), type.isPublic(), type.qosSpecsId(),
                type.createdAt() != null ? type.createdAt() : now, false))
            .compose(rs -> extraSpecs.insert(conn, id, type.extraSpecs())))
        .recover(e -> Future.failedFuture(duplicateName(e, type.name())))
        .compose(v -> get(id));
  }

  public Future<Optional<VolumeType>> find(String id) {
    return query(db.pool(), new SqlParts().and("id = ?", id).and("deleted = FALSE"), "")
        .map(list -> list.stream().findFirst());
  }

  public Future<VolumeType> get(String id) {
    return find(id).compose(t -> t.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new NotFoundException("Volume type", id))));
  }

  public Future<Optional<VolumeType>> findByName(String name) {
    return query(db.pool(), new SqlParts().and("name = ?", name).and("deleted = FALSE"), "")
        .map(list -> list.stream().findFirst());
  }

  /** The API's {@code volume_type} argument, which may be a name or an id (the name wins, as in Cinder). */
  public Future<Optional<VolumeType>> findByNameOrId(String nameOrId) {
    return findByName(nameOrId).compose(t -> t.isPresent() ? Future.succeededFuture(t) : find(nameOrId));
  }

  /** Live types ordered by name. */
  public Future<List<VolumeType>> list() {
    return query(db.pool(), new SqlParts().and("deleted = FALSE"), " ORDER BY name, id");
  }

  /**
   * Sets name / description / is_public / qos_specs_id (snake_case keys). False when no live type has
   * that id; DuplicateException when the new name is taken.
   */
  public Future<Boolean> update(String id, Map<String, ?> values) {
    Object name = values.get("name");
    return Updates.apply(db, db.pool(), "volume_types", UPDATABLE, id, Map.of(), values, true)
        .recover(e -> Future.failedFuture(duplicateName(e, name)));
  }

  /** Soft-deletes a type and its extra specs; InUseException while live volumes still use it. */
  public Future<Boolean> softDelete(String id) {
    LocalDateTime now = db.now();
    return db.pool().withTransaction(conn -> conn.preparedQuery(
                "SELECT COUNT(*) AS n FROM volumes WHERE volume_type_id = ? AND deleted = FALSE")
            .execute(SqlParts.tuple(id))
            .compose(rs -> {
              if (Rows.integer(rs.iterator().next(), "n", 0) > 0) {
                return Future.failedFuture(new InUseException("Volume Type " + id
                    + " deletion is not allowed with volumes present with the type."));
              }
              return conn.preparedQuery("UPDATE volume_types SET deleted = TRUE, deleted_at = ?, updated_at = ?"
                      + " WHERE id = ? AND deleted = FALSE")
                  .execute(SqlParts.tuple(now, now, id));
            })
            .compose(rs -> rs.rowCount() == 0 ? Future.succeededFuture(false)
                : extraSpecs.deleteAll(conn, id).map(true)));
  }

  public Future<Map<String, String>> getExtraSpecs(String id) {
    return extraSpecs.get(db.pool(), id);
  }

  /** Adds or changes the given extra specs, keeping the others (Cinder's extra_specs POST). */
  public Future<Map<String, String>> setExtraSpecs(String id, Map<String, String> specs) {
    return extraSpecs.set(id, specs, false);
  }

  public Future<Boolean> deleteExtraSpec(String id, String key) {
    return extraSpecs.delete(id, key);
  }

  /** Types by id, deleted ones included: a volume keeps showing the type it was created with. */
  Future<Map<String, VolumeType>> findByIds(SqlClient client, Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(new LinkedHashMap<>());
    }
    return query(client, new SqlParts().matches("id", new ArrayList<>(ids)), "").map(types -> {
      Map<String, VolumeType> byId = new LinkedHashMap<>();
      types.forEach(t -> byId.put(t.id(), t));
      return byId;
    });
  }

  private Future<List<VolumeType>> query(SqlClient client, SqlParts where, String orderBy) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM volume_types" + where.where() + orderBy)
        .execute(SqlParts.tuple(where.params()))
        .compose(rows -> withSpecs(client, rows));
  }

  private Future<List<VolumeType>> withSpecs(SqlClient client, RowSet<Row> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEach(list::add);
    List<String> ids = list.stream().map(r -> Rows.string(r, "id")).toList();
    return extraSpecs.getAll(client, ids).map(specs -> {
      List<VolumeType> result = new ArrayList<>();
      for (Row r : list) {
        result.add(fromRow(r, specs.getOrDefault(Rows.string(r, "id"), Map.of())));
      }
      return result;
    });
  }

  private static VolumeType fromRow(Row r, Map<String, String> specs) {
    return VolumeType.builder()
        .id(Rows.string(r, "id"))
        .name(Rows.string(r, "name"))
        .description(Rows.string(r, "description"))
        .isPublic(Rows.bool(r, "is_public", true))
        .extraSpecs(specs)
        .qosSpecsId(Rows.string(r, "qos_specs_id"))
        .createdAt(Rows.time(r, "created_at"))
        .updatedAt(Rows.time(r, "updated_at"))
        .deletedAt(Rows.time(r, "deleted_at"))
        .deleted(Rows.bool(r, "deleted", false))
        .build();
  }

  private static Throwable duplicateName(Throwable e, Object name) {
    return SqlErrors.isUniqueViolation(e)
        ? new DuplicateException("Volume Type " + name + " already exists.", e)
        : e;
  }
}
