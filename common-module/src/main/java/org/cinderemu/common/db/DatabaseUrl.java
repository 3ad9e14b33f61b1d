package org.cinderemu.common.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

/**
 * Where the database is: a JDBC url, credentials (null when the url carries them itself) and the
 * dialect. Built from Cinder's {@code [database] connection}, which is an SQLAlchemy url such as
 * {@code mysql+pymysql://cinder:secret@db:3306/cinder?charset=utf8}, or given as a plain JDBC url.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, Dialect dialect) {

  static final String ACCEPTED_FORMS = "mysql+pymysql://user:password@host[:port]/db, mysql://..., mariadb://..., "
      + "postgresql://user:password@host[:port]/db, postgresql+psycopg2://..., "
      + "or a jdbc:h2:, jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql: url";

  // scheme[+driver]://[user[:password]@][host|[v6host]][:port][/database][?query]; the password may not
  // hold a raw '@' (SQLAlchemy wants it percent-encoded too)
  private static final Pattern SQLALCHEMY = Pattern.compile(
      "(?<scheme>[A-Za-z][\\w+]*)://(?:(?<user>[^:/@]*)(?::(?<password>[^@]*))?@)?"
          + "(?:\\[(?<v6host>[^\\]/?]+)]|(?<host>[^/:?]*))?(?::(?<port>\\d*))?"
          + "(?:/(?<database>[^?]*))?(?:\\?(?<query>.*))?");

  public DatabaseUrl {
    if (jdbcUrl == null || dialect == null) {
      throw new IllegalArgumentException("jdbcUrl and dialect are required");
    }
  }

  /**
   * The emulator's default database: an H2 file {@code <stateDir>/cinder} in H2's automatic mixed mode
   * ({@code AUTO_SERVER=TRUE}), because every service runs in its own JVM and they all share the file.
   */
  public static DatabaseUrl forStateDir(Path stateDir) {
    String file = stateDir.toAbsolutePath().normalize().resolve("cinder").toString().replace('\\', '/');
    return new DatabaseUrl(h2Defaults("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE"), "sa", "", Dialect.H2);
  }

  /** oslo.db's option: an SQLAlchemy URL (or a JDBC one); unset means the local H2 file. */
  public static final Opt<String> CONNECTION = Opt.string("database", "connection", null);

  /** {@code [database] connection} when set, else {@link #forStateDir(Path)}. */
  public static DatabaseUrl fromConf(CinderConf conf, Path stateDir) {
    return conf.find(CONNECTION)
        .filter(s -> !s.isBlank())
        .map(DatabaseUrl::parse)
        .orElseGet(() -> forStateDir(stateDir));
  }

  /** Parses a {@code [database] connection} value; throws IllegalArgumentException naming it otherwise. */
  public static DatabaseUrl parse(String connection) {
    if (connection == null || connection.isBlank()) {
      throw new IllegalArgumentException("[database] connection is empty; accepted forms: " + ACCEPTED_FORMS);
    }
    String value = connection.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:")) {
      return parseJdbc(value, lower);
    }
    if (lower.startsWith("sqlite")) {
      throw unsupported(value, "SQLite cannot be shared by several service processes; "
          + "leave it unset for the local H2 file, or use");
    }
    Matcher m = SQLALCHEMY.matcher(value);
    if (!m.matches()) {
      throw unsupported(value, "use");
    }
    String scheme = m.group("scheme").toLowerCase(Locale.ROOT);
    String backend = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
    Dialect dialect = switch (backend) {
      case "mysql", "mariadb" -> Dialect.MARIADB;
      case "postgresql" -> Dialect.POSTGRESQL;
      default -> throw unsupported(value, "use");
    };
    String database = decode(m.group("database"));
    if (database == null || database.isEmpty()) {
      throw new IllegalArgumentException("[database] connection '" + masked(value) + "' names no database; "
          + "accepted forms: " + ACCEPTED_FORMS);
    }
    Map<String, String> query = query(m.group("query"));
    String host = m.group("v6host") != null ? "[" + m.group("v6host") + "]" : m.group("host");
    String port = m.group("port");
    StringBuilder jdbc = new StringBuilder(dialect == Dialect.MARIADB ? "jdbc:mariadb://" : "jdbc:postgresql://");
    jdbc.append(host == null || host.isEmpty() ? "localhost" : host);
    if (port != null && !port.isEmpty()) {
      jdbc.append(':').append(port);
    }
    jdbc.append('/').append(database);
    // charset and driver tuning options are PyMySQL/psycopg2 matters: the JDBC drivers speak UTF-8 anyway.
    // A MySQL unix socket is the one option that changes where we connect, so it is carried over.
    if (dialect == Dialect.MARIADB && query.containsKey("unix_socket")) {
      jdbc.append("?localSocket=").append(query.get("unix_socket"));
    }
    return new DatabaseUrl(jdbc.toString(), decode(m.group("user")), decode(m.group("password")), dialect);
  }

  private static DatabaseUrl parseJdbc(String value, String lower) {
    if (lower.startsWith("jdbc:h2:")) {
      return new DatabaseUrl(h2Defaults(value), null, null, Dialect.H2);
    }
    if (lower.startsWith("jdbc:mariadb:")) {
      return new DatabaseUrl(value, null, null, Dialect.MARIADB);
    }
    if (lower.startsWith("jdbc:mysql:")) {
      // only the MariaDB driver is on the class path, and it refuses the mysql scheme by default
      return new DatabaseUrl("jdbc:mariadb:" + value.substring("jdbc:mysql:".length()), null, null, Dialect.MARIADB);
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(value, null, null, Dialect.POSTGRESQL);
    }
    throw unsupported(value, "use");
  }

  /**
   * Our SQL quotes Cinder's keyword-named columns in lower case, so H2 must fold names to lower case;
   * an in-memory H2 must also outlive the migration's connection.
   */
  private static String h2Defaults(String url) {
    String upper = url.toUpperCase(Locale.ROOT);
    String result = url;
    if (!upper.contains("DATABASE_TO_LOWER=")) {
      result += ";DATABASE_TO_LOWER=TRUE";
    }
    if (upper.startsWith("JDBC:H2:MEM:") && !upper.contains("DB_CLOSE_DELAY=")) {
      result += ";DB_CLOSE_DELAY=-1";
    }
    return result;
  }

  private static IllegalArgumentException unsupported(String value, String lead) {
    return new IllegalArgumentException("Unsupported [database] connection '" + masked(value) + "': "
        + lead + " one of the accepted forms: " + ACCEPTED_FORMS);
  }

  private static Map<String, String> query(String query) {
    Map<String, String> result = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return result;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        result.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return result;
  }

  private static String decode(String s) {
    return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** A plain JDBC connection to this database (blocking: worker threads only). */
  public Connection openJdbc() throws SQLException {
    return user == null && password == null ? DriverManager.getConnection(jdbcUrl)
        : DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** A database server reached over the network, whose connections can be lost (not H2 inside this JVM). */
  public boolean isServer() {
    String lower = jdbcUrl.toLowerCase(Locale.ROOT);
    return dialect != Dialect.H2 || lower.startsWith("jdbc:h2:tcp:") || lower.startsWith("jdbc:h2:ssl:");
  }

  /** The value with any password replaced by {@code ***}, fit for logs and error messages. */
  public static String masked(String value) {
    return value.replaceAll("://([^:/@]*):[^@]*@", "://$1:***@")
        .replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + masked(jdbcUrl) + ", user=" + user + ", dialect=" + dialect + "]";
  }
}
