package org.cinderemu.deploy.broker;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.cinderemu.deploy.ParentLifeline;
import org.cinderemu.deploy.PidFile;
import org.cinderemu.deploy.StateDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The stack's embedded AMQP 0-9-1 broker (Qpid Broker-J, in memory) as its own process, like cinder-db: the
 * services reach it as they would reach RabbitMQ, and it outlives none of them. Ready once a client can log in.
 */
@Command(name = "broker-server", mixinStandardHelpOptions = true,
    description = "Serve an in-memory AMQP 0-9-1 broker (Apache Qpid Broker-J) on 127.0.0.1 for the password in "
        + "<state-dir>/cinder-broker.password (started by `up` when it uses the embedded broker)")
public final class BrokerServerCommand implements Callable<Integer> {

  /** The child's name in the state directory's run/ and logs/. */
  public static final String NAME = "cinder-broker";
  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);
  private static final long LOGIN_RETRY_MILLIS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(BrokerServerCommand.class);

  @Option(names = "--state-dir", required = true, paramLabel = "DIR", description = "the stack's state directory")
  Path stateDir;

  @Option(names = "--port", required = true, paramLabel = "N", description = "AMQP port on 127.0.0.1 (0: any free)")
  int port;

  @Override
  public Integer call() throws Exception {
    ParentLifeline.watch(NAME);
    StateDir state = new StateDir(stateDir).create();
    String password = EmbeddedBrokerAccess.password(state).read();
    EmbeddedBroker broker = EmbeddedBroker.start(port, EmbeddedBrokerAccess.USER, password,
        Files.createDirectories(state.root().resolve("broker")));
    PidFile ready = state.readyFile(NAME);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ready.delete();
      broker.close();
      LOG.info("embedded broker stopped");
    }, NAME + "-shutdown"));
    awaitLogin(broker.port(), password);
    // no version: Qpid reads its own from the jar manifest, which in the shaded launcher jar is ours
    LOG.info("embedded broker (Qpid Broker-J) serving AMQP 0-9-1 on {}:{}", EmbeddedBrokerAccess.HOST, broker.port());
    ready.write(ProcessHandle.current().pid());
    new CountDownLatch(1).await();  // serve until a signal ends the JVM through the shutdown hook
    return 0;
  }

  /** Returns once the stack's user can open an AMQP connection: what `up` waits for before starting services. */
  private static void awaitLogin(int port, String password) throws InterruptedException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(EmbeddedBrokerAccess.HOST);
    factory.setPort(port);
    factory.setUsername(EmbeddedBrokerAccess.USER);
    factory.setPassword(password);
    factory.setVirtualHost("/");
    factory.setAutomaticRecoveryEnabled(false);
    long deadline = System.nanoTime() + LOGIN_TIMEOUT.toNanos();
    while (true) {
      try (Connection probe = factory.newConnection(NAME + "-ready-check")) {
        return;
      } catch (IOException | TimeoutException e) {
        if (System.nanoTime() - deadline >= 0) {
          throw new IllegalStateException("the embedded broker accepts no AMQP login on port " + port + " after "
              + LOGIN_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
        }
        Thread.sleep(LOGIN_RETRY_MILLIS);  // the child's main thread, not an event loop
      }
    }
  }
}
