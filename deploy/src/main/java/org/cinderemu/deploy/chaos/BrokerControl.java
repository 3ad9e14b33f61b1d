package org.cinderemu.deploy.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.BrokerProfile;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.deploy.ChildProcess;
import org.cinderemu.deploy.LaunchException;
import org.cinderemu.deploy.NetworkChecks;
import org.cinderemu.deploy.ProcessSignature;
import org.cinderemu.deploy.StateDir;
import org.cinderemu.deploy.broker.BrokerLaunch;
import org.cinderemu.deploy.broker.BrokerServerCommand;
import org.cinderemu.deploy.broker.EmbeddedBrokerAccess;

/**
 * Stops and starts a stack's broker (docs/chaos.md "Broker faults"): the embedded one is killed and started again
 * on the same port with the same password (its queues are gone: it keeps nothing in memory across a restart); a
 * RabbitMQ on this machine gets {@code rabbitmqctl stop_app}, or {@code start_app} and {@code await_startup}. A
 * remote broker is refused. Blocking: for the CLI and the experiment runner, not an event loop.
 */
public final class BrokerControl {

  /** Which broker a stack uses, as far as its faults go. */
  public enum Kind { EMBEDDED, LOCAL_RABBITMQ }

  static final Duration STOP_WAIT = Duration.ofSeconds(15);
  static final Duration START_WAIT = Duration.ofSeconds(60);
  private static final long POLL_MILLIS = 100;

  private final StateDir state;
  private final Kind kind;
  private final TransportUrl url;
  private final RabbitmqCtl rabbitmqctl;

  BrokerControl(StateDir state, Kind kind, TransportUrl url, RabbitmqCtl rabbitmqctl) {
    this.state = state;
    this.kind = kind;
    this.url = url;
    this.rabbitmqctl = rabbitmqctl;
  }

  /** The broker of the stack {@code up} wrote into {@code state}. */
  public static BrokerControl forStack(StateDir state) {
    return forStack(state, RabbitmqCtl.DEFAULT);
  }

  /** As {@link #forStack(StateDir)}, a local RabbitMQ reached with {@code rabbitmqctl} (its node, say). */
  public static BrokerControl forStack(StateDir state, RabbitmqCtl rabbitmqctl) {
    CinderConf conf;
    try {
      conf = CinderConf.load(state.conf());
    } catch (IOException e) {
      throw new ChaosException("no stack in " + state + " (cannot read " + state.conf() + "): start one with up");
    }
    TransportUrl url = TransportUrl.parse(conf.get(RpcConfig.TRANSPORT_URL));
    boolean embedded = BrokerProfile.from(conf) == BrokerProfile.QPID
        && Files.exists(EmbeddedBrokerAccess.password(state).file());
    if (!embedded && !isLocal(url.host())) {
      throw new ChaosException("the stack's broker " + url.masked() + " is not on this machine: stop and start it "
          + "where it runs (rabbitmqctl stop_app / start_app)");
    }
    return new BrokerControl(state, embedded ? Kind.EMBEDDED : Kind.LOCAL_RABBITMQ, url, rabbitmqctl);
  }

  static boolean isLocal(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  public Kind kind() {
    return kind;
  }

  /** Stops the broker application; returns what was done. */
  public String stop() {
    if (kind == Kind.LOCAL_RABBITMQ) {
      rabbitmqctl.stopCommands().forEach(rabbitmqctl::run);
      return "RabbitMQ application stopped (" + String.join(" ", rabbitmqctl.command("stop_app"))
          + "); start it with `chaos broker start`";
    }
    ProcessHandle broker = embeddedProcess().orElseThrow(() -> new ChaosException(
        "the embedded broker of " + state + " is not running"));
    broker.destroyForcibly();  // a crash, not a clean stop: clients see their sockets die
    try {
      broker.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new ChaosException("the embedded broker (pid " + broker.pid() + ") did not exit after SIGKILL");
    }
    state.readyFile(BrokerServerCommand.NAME).delete();
    return "embedded broker killed (pid " + broker.pid() + ")";
  }

  /** Starts the broker application again and waits until it serves; returns what was done. */
  public String start() {
    if (kind == Kind.LOCAL_RABBITMQ) {
      rabbitmqctl.startCommands().forEach(rabbitmqctl::run);
      return "RabbitMQ application started (" + String.join(" ", rabbitmqctl.command("start_app")) + ", await_startup)";
    }
    embeddedProcess().ifPresent(p -> {
      throw new ChaosException("the embedded broker of " + state + " runs already (pid " + p.pid() + ")");
    });
    int port = url.port();
    try {
      NetworkChecks.requirePortFree("127.0.0.1", port, "the embedded broker's port");
    } catch (LaunchException taken) {
      throw new ChaosException("port " + port + " of the embedded broker is taken by another process");
    }
    try {
      ChildProcess child = ChildProcess.start(BrokerLaunch.child(state, port), state);
      long deadline = System.nanoTime() + START_WAIT.toNanos();
      while (!child.isReady()) {
        if (!child.isAlive() || System.nanoTime() - deadline >= 0) {
          child.handle().destroyForcibly();
          throw new ChaosException("the embedded broker did not start on port " + port + "; see "
              + child.logFile() + "\n" + child.logTail(20));
        }
        Thread.sleep(POLL_MILLIS);
      }
      child.detach();  // it serves the stack until `down`, not until this command returns
      return "embedded broker started on 127.0.0.1:" + port + " (pid " + child.pid() + ")";
    } catch (IOException e) {
      throw new ChaosException("cannot start the embedded broker: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaosException("interrupted while starting the embedded broker", e);
    }
  }

  private Optional<ProcessHandle> embeddedProcess() {
    return state.pidFile(BrokerServerCommand.NAME).liveProcess(ProcessSignature.of(state));
  }

  /** The commands a local RabbitMQ gets, for `--dry-run` and tests. */
  public List<List<String>> commands(boolean start) {
    return start ? rabbitmqctl.startCommands() : rabbitmqctl.stopCommands();
  }
}
