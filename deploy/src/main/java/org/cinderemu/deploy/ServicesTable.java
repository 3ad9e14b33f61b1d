package org.cinderemu.deploy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.db.DatabaseUrl;

/**
 * Reads the live rows of the stack's {@code services} table for {@code up}'s readiness check: plain JDBC on the
 * launcher's own thread (no Vert.x, no Flyway: the services migrate the schema), one connection kept open while
 * {@code up} waits. Until the schema exists the table reads as empty.
 */
final class ServicesTable implements AutoCloseable {

  private final DatabaseUrl url;
  private Connection connection;

  ServicesTable(DatabaseUrl url) {
    this.url = url;
  }

  List<ServiceRows.Row> liveRows() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
      }
      String q = url.dialect().quote("binary");
      try (PreparedStatement select = connection.prepareStatement("SELECT " + q
          + ", host, disabled, disabled_reason, updated_at FROM services WHERE deleted = ?")) {
        select.setBoolean(1, false);
        List<ServiceRows.Row> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            Timestamp updated = rs.getTimestamp(5);
            rows.add(new ServiceRows.Row(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                updated == null ? null : updated.toLocalDateTime()));
          }
        }
        return rows;
      }
    } catch (SQLException notYet) {
      close();  // the server not listening yet, or the table not migrated yet: nothing is up
      return List.of();
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing a broken connection
      }
      connection = null;
    }
  }
}
