package org.cinderemu.common.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * A pooled JDBC connection that a {@link DatabaseFaults#disconnect} severs: while the loss lasts every call fails
 * with a connection error (SQLState 08S01), as a dropped socket's would. Afterwards the connection comes back on
 * a fresh socket at the next transaction boundary, as a pool that pings on checkout (oslo.db) reconnects; a
 * transaction begun before the loss fails to its end, since its work went with the old socket. The Vert.x JDBC pool
 * never evicts a connection, so without this a lost connection would stay broken.
 */
final class SeverableConnection implements InvocationHandler {

  /** How the proxy's own connections are opened. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  /** {@link #whileSevered}'s answer for a call that returns nothing and must not reach the old socket. */
  private static final Object NOTHING = new Object();

  private final DatabaseFaults faults;
  private final Opener opener;
  private final boolean server;
  private volatile Connection raw;
  private volatile long generation;
  private boolean autoCommit = true;

  private SeverableConnection(DatabaseFaults faults, Opener opener, boolean server) {
    this.faults = faults;
    this.opener = opener;
    this.server = server;
  }

  /**
   * A new connection, refused while a loss lasts.
   *
   * @param server whether severing closes the socket too (a server database; never H2 inside this JVM, whose
   *               file other processes may reach through this one)
   */
  static Connection open(DatabaseFaults faults, Opener opener, boolean server) throws SQLException {
    faults.refuseWhileDisconnected();
    SeverableConnection handler = new SeverableConnection(faults, opener, server);
    handler.generation = faults.generation();
    handler.raw = opener.open();
    faults.track(handler);
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        handler);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "SeverableConnection[" + raw + "]";
      };
    }
    String name = method.getName();
    if (name.equals("close")) {
      faults.untrack(this);
      closeQuietly(raw);
      return null;
    }
    // a connection opened as a loss began may carry the new generation: the loss itself still holds it
    if (generation < faults.generation() || faults.isDisconnected()) {
      Object answered = whileSevered(name, args);
      if (answered != null) {
        return answered == NOTHING ? null : answered;
      }
    }
    if (name.equals("setAutoCommit")) {
      autoCommit = (Boolean) args[0];
    }
    try {
      return method.invoke(raw, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A severed connection's answer to {@code name}, or null once it is whole again and the call may go on. */
  private Object whileSevered(String name, Object[] args) throws SQLException {
    if (name.equals("isClosed")) {
      return Boolean.FALSE;
    }
    if (faults.isDisconnected()) {
      throw lost();
    }
    if (!autoCommit) {
      if (name.equals("rollback") && (args == null || args.length == 0)) {
        return NOTHING; // the transaction died with the socket: nothing is left to roll back
      }
      if (!name.equals("setAutoCommit")) {
        throw lost();
      }
    }
    reconnect();
    return null;
  }

  private void reconnect() throws SQLException {
    Connection fresh = opener.open();
    Connection old = raw;
    raw = fresh;
    autoCommit = true;
    generation = faults.generation();
    closeQuietly(old);
  }

  /** Called by {@link DatabaseFaults} when a loss starts (on a worker thread): a server's socket goes now. */
  void sever() {
    if (server) {
      Connection c = raw;
      try {
        c.abort(Runnable::run);
      } catch (Throwable e) {
        closeQuietly(c);
      }
    }
  }

  static SQLException lost() {
    return new SQLNonTransientConnectionException(
        "Lost connection to the database (emulated connection loss, docs/chaos.md)", "08S01");
  }

  private static void closeQuietly(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException | RuntimeException e) {
      // a severed socket may refuse even its close; it is gone either way
    }
  }
}
