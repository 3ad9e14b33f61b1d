package org.cinderemu.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.h2.engine.SysProperties;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The stack's H2 database served over TCP on loopback, as its own process: every service connects to it
 * the same way, and no service has to host the database for the others (H2's automatic mixed mode
 * makes the survivors wait for the file lock to age when the hosting service stops or dies). It listens on
 * 127.0.0.1 only, lets clients open only the existing stack database, and that one wants the stack's password.
 */
@Command(name = "db-server", mixinStandardHelpOptions = true,
    description = "Serve <state-dir>/cinder (H2) on 127.0.0.1 with the password in <state-dir>/cinder-db.password "
        + "(started by `up` when [database] connection is unset)")
public final class DbServerCommand implements Callable<Integer> {

  /** The child's name in the state directory's run/ and logs/. */
  public static final String NAME = "cinder-db";
  static final String LOOPBACK = "127.0.0.1";
  // read once by H2, when its SysProperties class initialises; unset, H2 binds every interface
  private static final String H2_BIND_ADDRESS = "h2.bindAddress";
  private static final Logger LOG = LoggerFactory.getLogger(DbServerCommand.class);
  private static final Pattern OWN_URL = Pattern.compile("jdbc:h2:tcp://" + Pattern.quote(LOOPBACK) + ":(\\d+)/"
      + CinderDbFile.DATABASE + ";");
  private static final Duration AWAIT_POLL = Duration.ofMillis(20);

  @Option(names = "--state-dir", required = true, paramLabel = "DIR", description = "the stack's state directory")
  Path stateDir;

  @Option(names = "--port", required = true, paramLabel = "N", description = "TCP port on 127.0.0.1")
  int port;

  /** The {@code [database] connection} that reaches this server's database. */
  public static String connectionUrl(int port, String password) {
    return "jdbc:h2:tcp://" + LOOPBACK + ":" + port + "/" + CinderDbFile.DATABASE + ";USER=" + CinderDbFile.USER
        + ";PASSWORD=" + password;
  }

  /**
   * Waits until the stack's database server listens, when {@code [database] connection} is the one
   * {@link #connectionUrl} wrote: `up` starts the services with their database server, not after it, and a
   * service's first connection must not be refused. Any other connection returns at once.
   */
  public static void awaitListening(String connection, Duration timeout) throws InterruptedException {
    Matcher m = OWN_URL.matcher(connection == null ? "" : connection);
    if (!m.lookingAt()) {
      return;
    }
    InetSocketAddress address = new InetSocketAddress(LOOPBACK, Integer.parseInt(m.group(1)));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      try (Socket probe = new Socket()) {
        probe.connect(address, (int) AWAIT_POLL.toMillis());
        return;
      } catch (IOException notYet) {
        Thread.sleep(AWAIT_POLL.toMillis());  // the service's main thread, before Vert.x starts
      }
    }
  }

  @Override
  public Integer call() throws SQLException, InterruptedException {
    bindLoopbackOnly();
    ParentLifeline.watch(NAME);
    StateDir state = new StateDir(stateDir).create();
    CinderDbFile.prepare(state, DbPassword.read(state));
    // no -tcpAllowOthers (only local clients) and -ifExists: a client cannot create a database of its own choosing
    Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir",
        state.root().toString(), "-ifExists").start();
    LOG.info("H2 database {} served on {}:{}", CinderDbFile.file(state), LOOPBACK, server.getPort());
    PidFile ready = state.readyFile(NAME);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ready.delete();
      server.stop();
      LOG.info("H2 database server stopped");
    }, NAME + "-shutdown"));
    ready.write(ProcessHandle.current().pid());
    new CountDownLatch(1).await();  // serve until a signal ends the JVM through the shutdown hook
    return 0;
  }

  private static void bindLoopbackOnly() {
    System.setProperty(H2_BIND_ADDRESS, LOOPBACK);
    if (!LOOPBACK.equals(SysProperties.BIND_ADDRESS)) {
      throw new IllegalStateException("H2 was initialised before " + H2_BIND_ADDRESS + " was set: it would listen "
          + "on every interface");
    }
  }
}
