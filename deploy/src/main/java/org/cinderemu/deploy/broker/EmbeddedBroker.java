package org.cinderemu.deploy.broker;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.PasswordCredentialManagingAuthenticationProvider;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;

/**
 * Apache Qpid Broker-J running in this JVM as an AMQP 0-9-1 broker on 127.0.0.1, everything in memory. The
 * initial configuration (embedded-broker.json beside this class) keeps what the stack needs: one AMQP port on
 * loopback whose {@code defaultAlias} maps oslo's vhost {@code /} to the only vhost, PLAIN allowed without TLS
 * ({@code secureOnlyMechanisms: []}: the RabbitMQ Java client logs in with PLAIN), unknown {@code x-} declare
 * arguments ignored instead of closing the connection, and small thread pools (13 threads instead of 81).
 * Blocking calls: never on an event loop.
 */
public final class EmbeddedBroker implements AutoCloseable {

  static final String INITIAL_CONFIG = "embedded-broker.json";
  /** The context variable the initial configuration reads its port from. */
  private static final String PORT_VARIABLE = "cemu.amqp_port";
  private static final String AUTH_PROVIDER = "plain";
  /**
   * Qpid reads a message's {@code expiration} as an absolute epoch-ms deadline; a real oslo peer sends RabbitMQ's
   * relative TTL ("60000"), which Qpid would expire on arrival. Raising every TTL to at least oslo's default
   * call timeout (60 s after arrival) keeps such calls alive; messages without an expiration are not touched.
   */
  private static final String MINIMUM_MESSAGE_TTL = "queue.minimumMessageTtl";
  private static final String MINIMUM_MESSAGE_TTL_MS = "60000";

  private final SystemLauncher launcher;
  private final Broker<?> broker;

  private EmbeddedBroker(SystemLauncher launcher, Broker<?> broker) {
    this.launcher = launcher;
    this.broker = broker;
  }

  /**
   * Starts the broker on {@code port} (0: any free one) with one user; returns once the AMQP port is bound.
   * {@code workDir} is Qpid's work directory: the memory store writes nothing there, but Qpid wants one.
   */
  public static EmbeddedBroker start(int port, String user, String password, Path workDir) throws Exception {
    URL config = EmbeddedBroker.class.getResource(INITIAL_CONFIG);
    if (config == null) {
      throw new IllegalStateException(INITIAL_CONFIG + " is missing from the class path");
    }
    AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
    SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
      @Override
      public void onContainerResolve(SystemConfig<?> resolved) {
        system.set(resolved);
      }
    });
    launcher.startup(Map.of(
        "type", "Memory",
        SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toExternalForm(),
        SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false,
        SystemConfig.QPID_WORK_DIR, workDir.toString(),
        "context", Map.of(PORT_VARIABLE, Integer.toString(port), MINIMUM_MESSAGE_TTL, MINIMUM_MESSAGE_TTL_MS)));
    EmbeddedBroker started = new EmbeddedBroker(launcher, (Broker<?>) system.get().getContainer(Broker.class));
    try {
      started.addUser(user, password);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  // the user is made through the provider, not written into the initial configuration: the password never
  // appears in a config text or in the broker's context variables
  private void addUser(String user, String password) {
    var provider = broker.getAuthenticationProviders().stream()
        .filter(p -> p.getName().equals(AUTH_PROVIDER))
        .filter(PasswordCredentialManagingAuthenticationProvider.class::isInstance)
        .map(PasswordCredentialManagingAuthenticationProvider.class::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the embedded broker has no '" + AUTH_PROVIDER
            + "' password provider"));
    if (!provider.createUser(user, password, Map.of())) {
      throw new IllegalStateException("the embedded broker refused to create user " + user);
    }
  }

  /** The port the AMQP listener is bound to (the real one when started on port 0). */
  public int port() {
    return broker.getPorts().stream()
        .filter(p -> p instanceof AmqpPort)
        .mapToInt(Port::getBoundPort)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the embedded broker has no AMQP port"));
  }

  /** Closes every connection (clients see 320 CONNECTION_FORCED) and stops the broker; safe to call twice. */
  @Override
  public void close() {
    launcher.shutdown();
  }
}
