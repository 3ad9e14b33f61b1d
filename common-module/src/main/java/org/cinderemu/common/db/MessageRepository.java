package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cinderemu.common.objects.UserMessage;

/**
 * {@code messages}: user messages such as the scheduler's "no valid backend" (docs/cinder-reference.md §6.7), newest
 * first.
 */
public final class MessageRepository {

  private static final List<String> COLUMNS = List.of("id", "project_id", "request_id", "resource_type",
      "resource_uuid", "event_id", "detail_id", "message_level", "expires_at", "created_at");

  private final Database db;
  private final RowTable<UserMessage> table;

  public MessageRepository(Database db) {
    this.db = db;
    // messages are never updated, and a delete leaves updated_at alone (as oslo.db's soft_delete does)
    this.table = new RowTable<>(db, "messages", "Message", COLUMNS, RowTable.each(MessageRepository::fromRow))
        .leavingUpdatedAt();
  }

  /** Stores a message; a fresh uuid when {@code id} is null, created_at now when unset. */
  public Future<UserMessage> create(UserMessage m) {
    String id = m.id() != null ? m.id() : UUID.randomUUID().toString();
    LocalDateTime created = m.createdAt() != null ? m.createdAt() : db.now();
    return db.pool().preparedQuery("INSERT INTO messages (" + String.join(", ", COLUMNS) + ", deleted) VALUES ("
            + SqlParts.placeholders(COLUMNS.size()) + ", FALSE)")
        .execute(SqlParts.tuple(id, m.projectId(), m.requestId(), m.resourceType(), m.resourceUuid(), m.eventId(),
            m.detailId(), m.messageLevel(), m.expiresAt(), created))
        .map(rs -> new UserMessage(id, m.projectId(), m.requestId(), m.resourceType(), m.resourceUuid(),
            m.eventId(), m.detailId(), m.messageLevel(), m.expiresAt(), created));
  }

  public Future<Optional<UserMessage>> find(String id) {
    return table.find(id, false);
  }

  /** Live messages of a project (all projects when null), newest first. */
  public Future<List<UserMessage>> list(String projectId) {
    SqlParts where = new SqlParts().and("deleted = FALSE");
    if (projectId != null) {
      where.and("project_id = ?", projectId);
    }
    return table.query(where, " ORDER BY created_at DESC, id DESC");
  }

  public Future<Boolean> delete(String id) {
    return table.softDelete(id, null);
  }

  /** Cinder's periodic {@code cleanup_expired_messages}. Returns how many went. */
  public Future<Integer> deleteExpired() {
    LocalDateTime now = db.now();
    return db.pool().preparedQuery("UPDATE messages SET deleted = TRUE, deleted_at = ?"
            + " WHERE deleted = FALSE AND expires_at < ?")
        .execute(SqlParts.tuple(now, now))
        .map(rs -> rs.rowCount());
  }

  private static UserMessage fromRow(Row r) {
    return new UserMessage(Rows.string(r, "id"), Rows.string(r, "project_id"), Rows.string(r, "request_id"),
        Rows.string(r, "resource_type"), Rows.string(r, "resource_uuid"), Rows.string(r, "event_id"),
        Rows.string(r, "detail_id"), Rows.string(r, "message_level"), Rows.time(r, "expires_at"),
        Rows.time(r, "created_at"));
  }
}
