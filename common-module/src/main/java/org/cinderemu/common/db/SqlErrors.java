package org.cinderemu.common.db;

import java.sql.SQLException;

/** Recognises constraint violations across the three drivers. */
final class SqlErrors {

  private static final int MARIADB_DUPLICATE_KEY = 1062;

  private SqlErrors() {
  }

  static boolean isUniqueViolation(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException e) {
        if ("23505".equals(e.getSQLState()) || e.getErrorCode() == MARIADB_DUPLICATE_KEY) {
          return true;
        }
      }
    }
    return false;
  }
}
