package org.cinderemu.deploy.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.rpc.BrokerProfile;
import org.cinderemu.common.rpc.RpcConfig;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.deploy.BrokerChecks;
import org.cinderemu.deploy.ChildSpec;
import org.cinderemu.deploy.CinderEmu;
import org.cinderemu.deploy.NetworkChecks;
import org.cinderemu.deploy.StackConfig;
import org.cinderemu.deploy.StateDir;

/**
 * The broker part of {@code cinder-emu up}: decides between the configured RabbitMQ and the embedded broker
 * ({@link BrokerChoice}), points the effective cinder.conf at the embedded one, checks an external one before
 * anything starts, and gives the supervisor the {@code cinder-broker} child.
 */
public final class BrokerLaunch {

  /** What `up` prints when it uses the embedded broker; docs/embedded-broker.md says more. */
  static final String LIMITS = "  not reproduced here: queue x-expires and x-message-ttl, RabbitMQ's per-message "
      + "expiration, consumer-cancel notifications, quorum queues, the management API, AMQPLAIN login, state across "
      + "a broker restart; for chaos and TTL work use RabbitMQ (docs/embedded-broker.md)";
  private static final Duration DEFAULT_BROKER_PROBE = Duration.ofMillis(500);
  private static final Duration BROKER_PROBE_TIMEOUT = Duration.ofSeconds(3);

  private final BrokerChoice choice;
  private final StateDir state;
  private final int port;

  private BrokerLaunch(BrokerChoice choice, StateDir state, int port) {
    this.choice = choice;
    this.state = state;
    this.port = port;
  }

  /** Decides for the operator's config (or the seed lab) {@code base}; probes RabbitMQ's default address in auto. */
  public static BrokerLaunch choose(BrokerMode mode, CinderConf base, StateDir state) {
    TransportUrl.Broker fallback = TransportUrl.parse(RpcConfig.TRANSPORT_URL.defaultValue()).brokers().get(0);
    BrokerChoice choice = BrokerChoice.decide(mode, base.find(RpcConfig.TRANSPORT_URL), fallback.toString(),
        () -> answers(fallback));
    return new BrokerLaunch(choice, state, choice.embedded() ? NetworkChecks.freeLoopbackPort() : 0);
  }

  public boolean embedded() {
    return choice.embedded();
  }

  /** The stack pointed at the embedded broker (its transport_url, the qpid profile); unchanged otherwise. */
  public StackConfig configure(StackConfig stack) {
    if (!embedded()) {
      return stack;
    }
    String password = EmbeddedBrokerAccess.password(state).ensure();
    CinderConf conf = stack.conf()
        .with(RpcConfig.TRANSPORT_URL, EmbeddedBrokerAccess.transportUrl(port, password))
        .with(BrokerProfile.EMULATOR_BROKER_PROFILE, BrokerProfile.QPID.confValue());
    return new StackConfig(conf, stack.state());
  }

  /** Before anything starts: an external broker must answer and its vhost be free; the embedded one is ours. */
  public void preflight(StackConfig stack) {
    if (!embedded()) {
      NetworkChecks.requireBrokerReachable(stack.transportUrl(), BROKER_PROBE_TIMEOUT);
      BrokerChecks.requireVhostUnused(stack.transportUrl());
    }
  }

  /** The children to start before the services: the embedded broker, or none. */
  public List<ChildSpec> children() {
    if (!embedded()) {
      return List.of();
    }
    return List.of(child(state, port));
  }

  /** The {@code cinder-broker} child of {@code state} on {@code port}: also how `chaos broker start` restarts it. */
  public static ChildSpec child(StateDir state, int port) {
    return ChildSpec.javaMain(BrokerServerCommand.NAME, CinderEmu.class.getName(), List.of(
        "broker-server", "--state-dir", state.root().toString(), "--port", Integer.toString(port)));
  }

  /** Where the embedded broker listens, {@code 127.0.0.1:<port>}. */
  public String address() {
    return EmbeddedBrokerAccess.HOST + ":" + port;
  }

  /** The lines `up` prints about its broker. */
  public String describe(StackConfig stack) {
    if (!embedded()) {
      return "broker: RabbitMQ at " + stack.transportUrl().masked() + " (" + choice.reason() + ")";
    }
    return "broker: embedded Qpid Broker-J on " + address() + " (" + choice.reason()
        + ")\n" + LIMITS;
  }

  private static boolean answers(TransportUrl.Broker broker) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(broker.host(), broker.port()), (int) DEFAULT_BROKER_PROBE.toMillis());
      return true;
    } catch (IOException nothing) {
      return false;
    }
  }
}
