package org.cinderemu.common.rpc;

import org.cinderemu.common.config.CinderConf;
import org.cinderemu.common.config.Opt;

/** The oslo.messaging options the emulator honours (docs/cinder-reference.md §2.3), read from cinder.conf. */
public record RpcConfig(
    TransportUrl url,
    String controlExchange,
    int rpcResponseTimeoutSeconds,
    int transientQueuesTtlSeconds,
    boolean durableQueues,
    boolean autoDeleteQueues,
    boolean quorumQueues,
    int reconnectIntervalMillis,
    BrokerProfile brokerProfile,
    DeliveryMode deliveryMode) {

  public static final String RABBIT = "oslo_messaging_rabbit";

  public static final Opt<String> TRANSPORT_URL =
      Opt.string(CinderConf.DEFAULT, "transport_url", "rabbit://guest:guest@127.0.0.1:5672/");
  public static final Opt<String> CONTROL_EXCHANGE = Opt.string(CinderConf.DEFAULT, "control_exchange", "openstack");
  public static final Opt<Integer> RPC_RESPONSE_TIMEOUT = Opt.integer(CinderConf.DEFAULT, "rpc_response_timeout", 60);
  public static final Opt<Integer> RABBIT_TRANSIENT_QUEUES_TTL =
      Opt.integer(RABBIT, "rabbit_transient_queues_ttl", 1800, 1, null);
  public static final Opt<Boolean> AMQP_DURABLE_QUEUES = Opt.bool(RABBIT, "amqp_durable_queues", false);
  public static final Opt<Boolean> AMQP_AUTO_DELETE = Opt.bool(RABBIT, "amqp_auto_delete", false);
  public static final Opt<Integer> RABBIT_RETRY_INTERVAL = Opt.integer(RABBIT, "rabbit_retry_interval", 1);
  public static final Opt<Boolean> RABBIT_QUORUM_QUEUE = Opt.bool(RABBIT, "rabbit_quorum_queue", false);
  public static final Opt<String> DELIVERY_MODE = Opt.choice(RABBIT, "emulator_delivery_mode", "oslo", "oslo",
      "reliable");

  public RpcConfig {
    if (quorumQueues && autoDeleteQueues) {
      // RabbitMQ refuses an auto-delete quorum queue (406), and oslo would pass the flag on regardless
      throw new CinderConf.ConfigException("[oslo_messaging_rabbit] rabbit_quorum_queue cannot be combined with "
          + "amqp_auto_delete: RabbitMQ has no auto-delete quorum queues");
    }
    if (deliveryMode == DeliveryMode.RELIABLE && autoDeleteQueues) {
      // an auto-delete queue goes with its last consumer, and the casts waiting in it with the queue
      throw new CinderConf.ConfigException("[oslo_messaging_rabbit] emulator_delivery_mode = reliable cannot be "
          + "combined with amqp_auto_delete: the broker would delete a topic queue, and its casts, with its consumer");
    }
    RabbitSettings.requireOneLogin(url);
  }

  public boolean reliable() {
    return deliveryMode == DeliveryMode.RELIABLE;
  }

  public static RpcConfig from(CinderConf conf) {
    DeliveryMode mode = DeliveryMode.of(conf.get(DELIVERY_MODE));
    return new RpcConfig(
        TransportUrl.parse(conf.get(TRANSPORT_URL)),
        conf.get(CONTROL_EXCHANGE),
        conf.get(RPC_RESPONSE_TIMEOUT),
        conf.get(RABBIT_TRANSIENT_QUEUES_TTL),
        // oslo: quorum queues are durable, and so is the control exchange with them (docs/cinder-reference.md §2.3);
        // reliable delivery needs topic queues that outlive a broker restart
        conf.get(AMQP_DURABLE_QUEUES) || conf.get(RABBIT_QUORUM_QUEUE) || mode == DeliveryMode.RELIABLE,
        conf.get(AMQP_AUTO_DELETE),
        conf.get(RABBIT_QUORUM_QUEUE),
        conf.get(RABBIT_RETRY_INTERVAL) * 1000,
        BrokerProfile.from(conf),
        mode);
  }
}
