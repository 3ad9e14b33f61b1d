package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How cinder-db prepares the database file before it serves it (embedded H2, no server). */
class CinderDbFileTest {

  private static final String PASSWORD = "0123456789abcdef".repeat(4);

  @TempDir
  Path dir;

  private Connection open(StateDir state, String password) throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + state.root().resolve("cinder") + ";IFEXISTS=TRUE", "sa",
        password);
  }

  @Test
  void createsTheDatabaseOnceWithThePasswordAndThenOnlyOpensIt() throws Exception {
    StateDir state = new StateDir(dir).create();

    CinderDbFile.prepare(state, PASSWORD);
    assertThat(CinderDbFile.file(state)).exists();
    try (Connection c = open(state, PASSWORD); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (id INT)");
      s.execute("INSERT INTO kept VALUES (7)");
    }
    assertThatThrownBy(() -> open(state, "")).isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD);

    CinderDbFile.prepare(state, PASSWORD);  // the next start: the same database, not a new one

    try (Connection c = open(state, PASSWORD); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT id FROM kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(7);
    }
  }

  @Test
  void aDatabaseAnEarlierLauncherCreatedWithoutPasswordGetsTheStacks() throws Exception {
    StateDir state = new StateDir(dir).create();
    DriverManager.getConnection("jdbc:h2:file:" + state.root().resolve("cinder"), "sa", "").close();

    CinderDbFile.prepare(state, PASSWORD);

    open(state, PASSWORD).close();
    assertThatThrownBy(() -> open(state, "")).isInstanceOf(SQLException.class);
  }

  @Test
  void aDatabaseWithAnotherPasswordIsRefusedNamingThePasswordFile() throws Exception {
    StateDir state = new StateDir(dir).create();
    CinderDbFile.prepare(state, PASSWORD);

    assertThatThrownBy(() -> CinderDbFile.prepare(state, "f".repeat(64)))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("does not accept the password in " + state.dbPasswordFile());
    assertThat(Files.size(CinderDbFile.file(state))).isPositive();
  }
}
