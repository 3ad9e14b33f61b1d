package org.cinderemu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cinder-db, the H2 server `up` starts, as its own process: who may reach it, with what, and to open what. */
class CinderDbIT {

  @TempDir
  static Path dir;

  static StateDir state;
  static Supervisor db;
  static int port;
  static String password;

  @BeforeAll
  static void startTheServer() {
    state = new StateDir(dir.resolve("state")).create();
    password = DbPassword.ensure(state);
    port = NetworkChecks.freeLoopbackPort();
    List<String> command = new ArrayList<>(ChildSpec.javaMain(DbServerCommand.NAME, CinderEmu.class.getName(),
        List.of("db-server", "--state-dir", state.root().toString(), "--port", Integer.toString(port))).command());
    command.add(1, "-Dcemu.test.log.level=INFO");  // the log is then worth searching for the password
    db = new Supervisor(state, List.of(new ChildSpec(DbServerCommand.NAME, command)));
    db.start();
    db.awaitReady(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopTheServer() {
    if (db != null) {
      db.stop(Duration.ofSeconds(10));
    }
  }

  private static String url(String database) {
    return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + database;
  }

  private static int refusal(String url, String user, String password) {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      throw new AssertionError("connected to " + url + " with password '" + password + "'");
    } catch (SQLException e) {
      return e.getErrorCode();
    }
  }

  @Test
  void onlyTheStackPasswordOpensTheDatabase() throws Exception {
    // refused first: a server that let clients create the database would create it with their password
    assertThat(refusal(url("cinder"), "sa", "")).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD);
    assertThat(refusal(url("cinder"), "sa", "not-" + password)).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD);
    try (Connection c = DriverManager.getConnection(DbServerCommand.connectionUrl(port, password))) {
      assertThat(c.isValid(5)).isTrue();
    }
  }

  @Test
  void aClientCannotCreateADatabase() {
    assertThat(refusal(url("other"), "sa", "")).isEqualTo(ErrorCode.REMOTE_DATABASE_NOT_FOUND_1);
    assertThat(refusal(url("mem:scratch"), "sa", "")).isEqualTo(ErrorCode.REMOTE_DATABASE_NOT_FOUND_1);
    assertThat(state.root().resolve("other.mv.db")).doesNotExist();
  }

  @Test
  void itListensOnLoopbackOnly() throws Exception {
    assertThat(ListeningSockets.on(port)).containsExactly("127.0.0.1");
    // 127.0.0.2 is this machine too: a socket bound to every interface would accept there
    try (Socket other = new Socket()) {
      assertThatThrownBy(() -> other.connect(new InetSocketAddress("127.0.0.2", port), 2000))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void thePasswordIsOnNoCommandLineAndInNoLog() throws Exception {
    ChildProcess server = db.children().get(0);

    assertThat(String.join(" ", ProcessSignature.commandLine(server.handle()))).contains("db-server")
        .doesNotContain(password);
    assertThat(Files.readString(server.logFile())).contains("served on 127.0.0.1:" + port)
        .doesNotContain(password);
  }
}
