package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
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

  private static final List<String> COLUMNS = List.of("id", "name", "description", "is_public", "qos_specs_id",
      "created_at", "updated_at", "deleted_at", "deleted");
  private static final Set<String> UPDATABLE = Set.of("name", "description", "is_public", "qos_specs_id");

  private final Database db;
  private final KeyValueTable extraSpecs;
  private final RowTable<VolumeType> table;

  public VolumeTypeRepository(Database db) {
    this.db = db;
    this.extraSpecs = new KeyValueTable(db, "volume_type_extra_specs", "volume_type_id");
    this.table = new RowTable<>(db, "volume_types", "Volume type", COLUMNS, this::load)
        .updatable(UPDATABLE)
        .owning(extraSpecs);
  }

  /** Inserts a type and its extra specs; a fresh uuid when {@code id} is null. DuplicateException on a live name. */
  public Future<VolumeType> create(VolumeType type) {
    String id = type.id() != null ? type.id() : UUID.randomUUID().toString();
    LocalDateTime created = type.createdAt() != null ? type.createdAt() : db.now();
    List<Object> values = Arrays.asList(id, type.name(), type.description(), type.isPublic(), type.qosSpecsId(),
        created, null, null, false);
    return table.insert(id, values, conn -> extraSpecs.insert(conn, id, type.extraSpecs()))
        .recover(e -> Future.failedFuture(duplicateName(e, type.name())));
  }

  public Future<Optional<VolumeType>> find(String id) {
    return table.find(id, false);
  }

  public Future<VolumeType> get(String id) {
    return table.get(id);
  }

  public Future<Optional<VolumeType>> findByName(String name) {
    return table.first(new SqlParts().and("name = ?", name).and("deleted = FALSE"));
  }

  /** The API's {@code volume_type} argument, which may be a name or an id (the name wins, as in Cinder). */
  public Future<Optional<VolumeType>> findByNameOrId(String nameOrId) {
    return findByName(nameOrId).compose(t -> t.isPresent() ? Future.succeededFuture(t) : find(nameOrId));
  }

  /** Live types ordered by name. */
  public Future<List<VolumeType>> list() {
    return table.query(new SqlParts().and("deleted = FALSE"), " ORDER BY name, id");
  }

  /**
   * Sets name / description / is_public / qos_specs_id (snake_case keys). False when no live type has
   * that id; DuplicateException when the new name is taken.
   */
  public Future<Boolean> update(String id, Map<String, ?> values) {
    Object name = values.get("name");
    return table.update(id, values)
        .recover(e -> Future.failedFuture(duplicateName(e, name)));
  }

  /** Soft-deletes a type and its extra specs; InUseException while live volumes still use it. */
  public Future<Boolean> softDelete(String id) {
    return db.pool().withTransaction(conn -> conn.preparedQuery(
                "SELECT COUNT(*) AS n FROM volumes WHERE volume_type_id = ? AND deleted = FALSE")
            .execute(SqlParts.tuple(id))
            .compose(rs -> Rows.integer(rs.iterator().next(), "n", 0) > 0
                ? Future.failedFuture(new InUseException("Volume Type " + id
                    + " deletion is not allowed with volumes present with the type."))
                : table.softDelete(conn, id, null)));
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
    return table.query(client, new SqlParts().matches("id", new ArrayList<>(ids)), "").map(types -> {
      Map<String, VolumeType> byId = new LinkedHashMap<>();
      types.forEach(t -> byId.put(t.id(), t));
      return byId;
    });
  }

  /** Types with their extra specs. */
  private Future<List<VolumeType>> load(SqlClient client, List<Row> rows) {
    return extraSpecs.getAll(client, RowTable.ids(rows)).map(specs -> {
      List<VolumeType> result = new ArrayList<>();
      for (Row r : rows) {
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
