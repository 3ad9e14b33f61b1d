package org.cinderemu.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.db.Dialect;

/**
 * Fresh, throw-away databases for integration tests: an H2 file in a temp directory, or a database
 * {@code cemu_<random>} created on the local MariaDB / PostgreSQL through their {@code test} database and
 * dropped again on close. Servers can be moved with {@code -Dit.mariadb.url=jdbc:mariadb://h:3306/test
 * -Dit.mariadb.user=root -Dit.mariadb.password=} (and {@code it.postgresql.*}), or by the environment variables
 * {@code IT_MARIADB_USER}, {@code IT_MARIADB_PASSWORD}... that deploy/bin/run-tests sets (a password in the
 * environment stays off the command line).
 */
public final class TestDatabases {

  private TestDatabases() {
  }

  /** A database that exists until {@link TestDatabase#close()}. */
  public record TestDatabase(DatabaseUrl url, AutoCloseable dropper) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      dropper.close();
    }
  }

  public static TestDatabase create(Dialect dialect) {
    String name = "cemu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return switch (dialect) {
      case H2 -> h2(name);
      case MARIADB -> server(Dialect.MARIADB, name,
          setting("it.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test"),
          setting("it.mariadb.user", "root"),
          setting("it.mariadb.password", ""),
          "CREATE DATABASE " + name + " CHARACTER SET utf8mb4",
          "DROP DATABASE IF EXISTS " + name);
      case POSTGRESQL -> server(Dialect.POSTGRESQL, name,
          setting("it.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test"),
          setting("it.postgresql.user", "postgres"),
          setting("it.postgresql.password", ""),
          "CREATE DATABASE " + name,
          // FORCE: a pool that was not closed must not keep the database alive
          "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    };
  }

  /** A system property, else the environment variable of the same name ({@code it.mariadb.user} → IT_MARIADB_USER). */
  static String setting(String property, String fallback) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    return value == null ? fallback : value;
  }

  private static TestDatabase h2(String name) {
    try {
      Path dir = Files.createTempDirectory(name);
      // AUTO_SERVER like the real default, so a test can also open it from a second "process"
      DatabaseUrl url = DatabaseUrl.forStateDir(dir);
      return new TestDatabase(url, () -> deleteTree(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestDatabase server(Dialect dialect, String name, String adminUrl, String user, String password,
      String createSql, String dropSql) {
    execute(adminUrl, user, password, createSql);
    String jdbc = adminUrl.replaceFirst("/test(\\?|$)", "/" + name + "$1");
    if (jdbc.equals(adminUrl)) {
      throw new IllegalStateException("admin url " + adminUrl + " must end in the database 'test'");
    }
    DatabaseUrl url = new DatabaseUrl(jdbc, user, password, dialect);
    return new TestDatabase(url, () -> execute(adminUrl, user, password, dropSql));
  }

  private static void execute(String url, String user, String password, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("'" + sql + "' on " + url + " failed: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
