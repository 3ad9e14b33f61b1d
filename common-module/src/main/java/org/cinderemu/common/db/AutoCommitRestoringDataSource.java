package org.cinderemu.common.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections for the Vert.x JDBC pool: ones the chaos db faults can sever ({@link SeverableConnection}), with
 * H2's lock wait as InnoDB's, and that really return to auto-commit after a transaction.
 *
 * <p>vertx-jdbc-client 5.0.7 ends every commit and rollback with {@code setAutoCommit(false)}
 * (vert-x3/vertx-jdbc-client#356, fixed upstream by #358): the pooled connection then runs every later
 * "single" statement in an implicit transaction nobody commits, holding its locks and hiding its writes.
 * Here the {@code setAutoCommit(false)} that directly follows a commit or rollback becomes {@code true}.
 * Remove this class once the client carries the fix.
 */
final class AutoCommitRestoringDataSource implements DataSource {

  private final DatabaseUrl url;
  private final DatabaseFaults faults;
  private int loginTimeout;
  private PrintWriter logWriter;

  /** Connections to {@code url} that {@code faults} can sever (docs/chaos.md). */
  AutoCommitRestoringDataSource(DatabaseUrl url, DatabaseFaults faults) {
    this.url = url;
    this.faults = faults;
  }

  /**
   * How long a pooled H2 session waits for a row lock: InnoDB's default {@code innodb_lock_wait_timeout}, 50 s, as on
   * the MySQL most Cinder deployments run, instead of H2's 2 s (a stall of docs/chaos.md makes writers wait alike).
   */
  static final int H2_LOCK_TIMEOUT_MS = 50_000;

  @Override
  public Connection getConnection() throws SQLException {
    Connection raw = SeverableConnection.open(faults, this::openSession, url.isServer());
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Restorer(raw));
  }

  @Override
  public Connection getConnection(String username, String pw) throws SQLException {
    throw new SQLFeatureNotSupportedException("the credentials come from [database] connection");
  }

  private Connection openSession() throws SQLException {
    Connection c = url.openJdbc();
    if (url.dialect() == Dialect.H2) {
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MS);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }

  private static final class Restorer implements InvocationHandler {
    private final Connection delegate;
    private boolean transactionJustEnded;

    Restorer(Connection delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      boolean noArgs = args == null || args.length == 0;
      if (name.equals("setAutoCommit") && Boolean.FALSE.equals(args[0]) && transactionJustEnded) {
        transactionJustEnded = false;
        delegate.setAutoCommit(true);
        return null;
      }
      transactionJustEnded = (name.equals("commit") || name.equals("rollback")) && noArgs;
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
