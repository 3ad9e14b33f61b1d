package org.cinderemu.deploy.chaos.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinderemu.common.db.DatabaseUrl;

/**
 * The run's reads of the stack's database: plain JDBC on the run's own threads (the CLI is no event loop), one
 * connection reopened after a loss (a database fault may be what the experiment injects). Reads only.
 */
final class RunDatabase implements AutoCloseable {

  /** One row of the run's project: a volume or a backup and its status ({@code deleted} once deleted). */
  record Resource(String id, String name, String status, String host, int size) {
  }

  /** One {@code quota_usages} row. */
  record Usage(String resource, long inUse, long reserved) {
  }

  private final DatabaseUrl url;
  private Connection connection;

  RunDatabase(DatabaseUrl url) {
    this.url = url;
  }

  private synchronized Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }
    return connection;
  }

  /** Every volume or backup of {@code project}, deleted ones with status {@code deleted}. */
  synchronized List<Resource> resources(String table, String project) throws SQLException {
    requireTable(table);
    String sql = "SELECT id, display_name, status, deleted, host, size FROM " + table + " WHERE project_id = ?";
    try (PreparedStatement s = connection().prepareStatement(sql)) {
      s.setString(1, project);
      List<Resource> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Resource(rs.getString(1), rs.getString(2), rs.getBoolean(4) ? "deleted" : rs.getString(3),
              rs.getString(5), rs.getInt(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  /** The count of live rows of {@code table} in one of {@code statuses} (every status when empty). */
  synchronized long count(String table, List<String> statuses, String project) throws SQLException {
    requireTable(table);
    StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM " + table + " WHERE deleted = ?");
    if (project != null) {
      sql.append(" AND project_id = ?");
    }
    if (!statuses.isEmpty()) {
      sql.append(" AND status IN (").append(String.join(",", statuses.stream().map(x -> "?").toList())).append(')');
    }
    try (PreparedStatement s = connection().prepareStatement(sql.toString())) {
      int i = 1;
      s.setBoolean(i++, false);
      if (project != null) {
        s.setString(i++, project);
      }
      for (String st : statuses) {
        s.setString(i++, st);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  synchronized Map<String, Usage> quotaUsages(String project) throws SQLException {
    String sql = "SELECT resource, in_use, reserved FROM quota_usages WHERE project_id = ? AND deleted = ?";
    try (PreparedStatement s = connection().prepareStatement(sql)) {
      s.setString(1, project);
      s.setBoolean(2, false);
      Map<String, Usage> out = new LinkedHashMap<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Usage(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  /** The gigabytes of live volumes in {@code statuses} per pool ({@code host@backend#pool}), every project. */
  synchronized Map<String, Long> allocatedByPool(List<String> statuses) throws SQLException {
    String sql = "SELECT host, SUM(size) FROM volumes WHERE deleted = ? AND host IS NOT NULL AND status IN ("
        + String.join(",", statuses.stream().map(x -> "?").toList()) + ") GROUP BY host";
    try (PreparedStatement s = connection().prepareStatement(sql)) {
      s.setBoolean(1, false);
      for (int i = 0; i < statuses.size(); i++) {
        s.setString(i + 2, statuses.get(i));
      }
      Map<String, Long> out = new LinkedHashMap<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return out;
    } catch (SQLException e) {
      close();
      throw e;
    }
  }

  private static void requireTable(String table) {
    if (!table.equals("volumes") && !table.equals("backups")) {
      throw new IllegalArgumentException("table must be volumes or backups: " + table);
    }
  }

  @Override
  public synchronized void close() {
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
