package org.cinderemu.common.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Serialises migrations on H2, where Flyway's lock does not hold while its history table is still empty:
 * two services starting on a fresh state directory would both run V1. We hold a row lock on a one-row
 * table of our own for the duration; the other starters wait on it, then find nothing left to do.
 */
final class H2MigrationLock {

  private static final int ATTEMPTS = 5;

  private H2MigrationLock() {
  }

  static void around(DatabaseUrl url, Runnable migration) throws SQLException {
    try (Connection c = url.openJdbc()) {
      prepare(c);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT id FROM cemu_migration.lock_row WHERE id = 1 FOR UPDATE").close();
        migration.run();
      } finally {
        c.rollback();
      }
    }
  }

  // creating the table and its row can itself race with another starter: retry until both exist
  private static void prepare(Connection c) throws SQLException {
    SQLException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCK_TIMEOUT 300000");
        // a schema of its own: Flyway refuses to start on a non-empty default schema without history
        s.execute("CREATE SCHEMA IF NOT EXISTS cemu_migration");
        s.execute("CREATE TABLE IF NOT EXISTS cemu_migration.lock_row (id INT PRIMARY KEY)");
        s.execute("MERGE INTO cemu_migration.lock_row KEY (id) VALUES (1)");
        return;
      } catch (SQLException e) {
        last = e;
      }
    }
    throw last;
  }
}
