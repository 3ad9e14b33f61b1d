package org.cinderemu.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.cinderemu.common.db.DatabaseUrl;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's H2 database file, {@code <state dir>/cinder.mv.db}, as cinder-db serves it: created by the
 * server's own process on the stack's first start, so that its TCP clients can be allowed to open only a
 * database that exists, and protected by the stack's password.
 */
final class CinderDbFile {

  static final String DATABASE = "cinder";
  static final String USER = "sa";
  private static final Logger LOG = LoggerFactory.getLogger(CinderDbFile.class);

  private CinderDbFile() {
  }

  static Path file(StateDir state) {
    return state.root().resolve(DATABASE + ".mv.db");
  }

  /**
   * Creates the database with {@code password} if it does not exist, else checks that it accepts the password.
   * A database an earlier cinder-emu created without a password is given this one.
   */
  static void prepare(StateDir state, String password) throws SQLException {
    // the services' own H2 settings (names folded to lower case): opened without them, the schema the
    // services migrated is unreadable ('Schema "public" not found') and the stack's second start fails
    String url = DatabaseUrl.parse("jdbc:h2:file:" + state.root().resolve(DATABASE)).jdbcUrl();
    if (!Files.exists(file(state))) {
      try (Connection created = DriverManager.getConnection(url, USER, password)) {
        LOG.info("created the H2 database {}", file(state));
      }
      return;
    }
    String existing = url + ";IFEXISTS=TRUE";
    try (Connection accepted = DriverManager.getConnection(existing, USER, password)) {
      return;
    } catch (SQLException e) {
      if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
        throw e;
      }
    }
    try (Connection legacy = DriverManager.getConnection(existing, USER, "");
        PreparedStatement alter = legacy.prepareStatement("ALTER USER " + USER + " SET PASSWORD ?")) {
      alter.setString(1, password);
      alter.execute();
      LOG.info("the H2 database {} had no password (an earlier cinder-emu created it): it now has the stack's",
          file(state));
    } catch (SQLException e) {
      if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
        throw e;
      }
      throw new LaunchException("the H2 database " + file(state) + " does not accept the password in "
          + state.dbPasswordFile() + "; restore that file, or delete the database to start afresh");
    }
  }
}
