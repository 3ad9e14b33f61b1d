package org.cinderemu.common.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A transaction that holds the row locks of every row of one table: {@code SELECT * FROM t FOR UPDATE} without a
 * commit, on a connection of its own outside the pool. H2 (MVStore), PostgreSQL and InnoDB all lock each row read
 * this way; InnoDB also locks the gaps between them, so there inserts wait too. Blocking JDBC: worker threads only.
 */
final class TableLock {

  private final Connection connection;
  private final int rows;

  private TableLock(Connection connection, int rows) {
    this.connection = connection;
    this.rows = rows;
  }

  static Future<TableLock> take(Vertx vertx, DatabaseUrl url, String table) {
    return vertx.executeBlocking(() -> {
      Connection c = url.openJdbc();
      try {
        c.setAutoCommit(false);
        int count = 0;
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM " + url.dialect().quote(table) + " FOR UPDATE")) {
          while (rs.next()) {
            count++;
          }
        }
        return new TableLock(c, count);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    }, false);
  }

  /** How many rows are locked. */
  int rows() {
    return rows;
  }

  Future<Void> release(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      try (Connection c = connection) {
        c.rollback();
      }
      return null;
    }, false);
  }
}
