package org.cinderemu.common.rpc;

import com.rabbitmq.client.Address;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.util.List;
import org.cinderemu.common.config.CinderConf;

/**
 * What the RabbitMQ client and the broker get from cinder.conf's messaging options: the connection (every broker
 * of {@code transport_url}, for failover) and the arguments of topic queues ({@code rabbit_quorum_queue}).
 */
public final class RabbitSettings {

  /** AMQP heartbeat, oslo's heartbeat_timeout_threshold default (docs/cinder-reference.md §2.3). */
  static final int HEARTBEAT_SECONDS = 60;

  private RabbitSettings() {
  }

  /**
   * The client options of one connection. Every broker goes into the address list: the Java client shuffles it
   * and tries each in turn, at the first connect and at every recovery, as oslo shuffles its hosts and kombu
   * fails over to the next (docs/cinder-reference.md §2.7).
   */
  public static RabbitMQOptions connection(RpcConfig config, String connectionName) {
    TransportUrl url = config.url();
    TransportUrl.Broker first = url.first();
    RabbitMQOptions options = new RabbitMQOptions()
        .setUser(first.user())
        .setPassword(first.password())
        .setVirtualHost(url.virtualHost())
        .setConnectionName(connectionName)
        .setRequestedHeartbeat(HEARTBEAT_SECONDS)
        .setAutomaticRecoveryEnabled(true)
        .setNetworkRecoveryInterval(config.reconnectIntervalMillis())
        .setMetricsCollector(BrokerConnections.tracker(connectionName));  // so a chaos fault can drop it
    if (url.brokers().size() == 1) {
      options.setHost(first.host()).setPort(first.port());
    } else {
      options.setAddresses(addresses(url));
    }
    // the Java client's automatic recovery reconnects (see RpcTransport); the Vert.x client's own would not
    options.setReconnectAttempts(0);
    return options;
  }

  static List<Address> addresses(TransportUrl url) {
    return url.brokers().stream().map(b -> new Address(b.host(), b.port())).toList();
  }

  /**
   * Refuses brokers with different credentials: oslo logs in to each with its own, but the Java client has one
   * login for its whole address list.
   */
  static void requireOneLogin(TransportUrl url) {
    TransportUrl.Broker first = url.first();
    for (TransportUrl.Broker b : url.brokers()) {
      if (!b.user().equals(first.user()) || !b.password().equals(first.password())) {
        throw new CinderConf.ConfigException("transport_url " + url.masked() + " gives broker " + b
            + " other credentials than " + first + "; the emulator logs in to every broker of the URL with one"
            + " user and password, so give them all the same (a RabbitMQ cluster shares its users anyway)");
      }
    }
  }

  /**
   * A declare the broker refused with 406 PRECONDITION_FAILED: the queue or exchange exists with other flags, which
   * is what a vhost used in the other delivery mode (or with other amqp_durable_queues / rabbit_quorum_queue) gives.
   */
  static <T> io.vertx.core.Future<T> explainMismatch(RpcConfig config, String name, Throwable e) {
    String text = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause());
    if (!text.contains("PRECONDITION_FAILED") && !text.contains("inequivalent arg")) {
      return io.vertx.core.Future.failedFuture(e);
    }
    return io.vertx.core.Future.failedFuture(new IllegalStateException("the broker refused to declare " + name
        + " as " + (config.durableQueues() ? "durable" : "transient") + " (" + config.deliveryMode().wire()
        + " delivery): it exists on vhost '" + config.url().virtualHost() + "' with other flags, left by a"
        + " deployment in another delivery mode or with other queue options. Delete the vhost's queues and"
        + " exchanges (or use a fresh vhost) before switching; see docs/chaos.md \"Delivery modes\". Broker: "
        + e.getMessage(), e));
  }

  /**
   * The arguments of a topic queue ({@code T}, {@code T.S}): none, or {@code x-queue-type: quorum} with
   * {@code rabbit_quorum_queue}; fanout and reply queues never get it (docs/cinder-reference.md §2.3).
   */
  public static JsonObject topicQueueArguments(RpcConfig config) {
    JsonObject args = new JsonObject();
    if (config.quorumQueues()) {
      args.put("x-queue-type", "quorum");
    }
    return args;
  }
}
