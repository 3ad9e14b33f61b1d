package org.cinderemu.deploy;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.db.DatabaseUrl;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.common.service.ServiceOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What `cinder-emu service` checks when it runs on its own (a systemd unit, a shell), with no `up` that has
 * checked for it: the state directory exists, the database answers and the broker lets it log in. Each failure is
 * one line naming what to fix, before any verticle starts.
 */
final class StandaloneChecks {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneChecks.class);
  static final int PROBE_TIMEOUT_SECONDS = 5;

  private StandaloneChecks() {
  }

  /** True when no supervising `up` started this process (it would have set the lifeline). */
  static boolean standalone() {
    return !ParentLifeline.STDIN.equals(System.getenv(ParentLifeline.ENV));
  }

  static void run(ServiceBinary binary, CinderConf conf) {
    StateDir state = new StateDir(Path.of(conf.get(ServiceOptions.STATE_PATH))).create();
    boolean shared = conf.find(DatabaseUrl.CONNECTION).filter(s -> !s.isBlank()).isPresent();
    requireDatabase(binary, DatabaseUrl.fromConf(conf, state.root()), shared);
    TransportUrl broker = RpcConfig.from(conf).url();
    requireBrokerLogin(binary, broker);
    LOG.info("{}: state_path {}; the database and the broker {} answer", binary, state, broker.masked());
  }

  static void requireDatabase(ServiceBinary binary, DatabaseUrl db, boolean configured) {
    if (!configured) {
      LOG.warn("{}: no [database] connection, so this service keeps its own H2 database under state_path; "
          + "services on other machines do not see it (set [database] connection to a shared MariaDB or "
          + "PostgreSQL)", binary);
      return;
    }
    DriverManager.setLoginTimeout(PROBE_TIMEOUT_SECONDS);
    try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.isValid(PROBE_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      throw new LaunchException(binary + ": cannot connect to the database " + DatabaseUrl.masked(db.jdbcUrl())
          + " ([database] connection): " + rootMessage(e));
    }
  }

  /** Logs in to each broker in turn; passes at the first that accepts, else names every broker's refusal. */
  static void requireBrokerLogin(ServiceBinary binary, TransportUrl url) {
    List<String> failures = new ArrayList<>();
    for (TransportUrl.Broker b : url.brokers()) {
      ConnectionFactory factory = new ConnectionFactory();
      factory.setHost(b.host());
      factory.setPort(b.port());
      factory.setUsername(b.user());
      factory.setPassword(b.password());
      factory.setVirtualHost(url.virtualHost());
      factory.setConnectionTimeout(PROBE_TIMEOUT_SECONDS * 1000);
      factory.setAutomaticRecoveryEnabled(false);
      try (Connection ignored = factory.newConnection(binary + "-preflight")) {
        return;
      } catch (IOException | TimeoutException e) {
        failures.add(b + ": " + rootMessage(e));
      }
    }
    throw new LaunchException(binary + ": no broker of transport_url " + url.masked() + " lets it log in to vhost '"
        + url.virtualHost() + "': " + String.join("; ", failures));
  }

  /** The innermost message of a failure chain: where the driver or the client says what went wrong. */
  static String rootMessage(Throwable e) {
    String message = e.toString();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message.lines().findFirst().orElse(message).strip();
  }
}
