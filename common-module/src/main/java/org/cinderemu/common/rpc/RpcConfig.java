package org.cinderemu.common.rpc;

import org.cinderemu.common.config.CinderConf;

/** The oslo.messaging options the emulator honours (§2.3), read from cinder.conf. */
public record RpcConfig(
    TransportUrl url,
    String controlExchange,
    int rpcResponseTimeoutSeconds,
    int transientQueuesTtlSeconds,
    boolean durableQueues,
    boolean autoDeleteQueues,
    int reconnectIntervalMillis) {

  public static final String RABBIT = "oslo_messaging_rabbit";

  public static RpcConfig from(CinderConf conf) {
    return new RpcConfig(
        TransportUrl.parse(conf.getDefault("transport_url", "rabbit://guest:guest@127.0.0.1:5672/")),
        conf.getDefault("control_exchange", "openstack"),
        conf.getInt(CinderConf.DEFAULT, "rpc_response_timeout", 60),
        conf.getInt(RABBIT, "rabbit_transient_queues_ttl", 1800),
        conf.getBool(RABBIT, "amqp_durable_queues", false),
        conf.getBool(RABBIT, "amqp_auto_delete", false),
        (int) (conf.getDouble(RABBIT, "rabbit_retry_interval", 1) * 1000));
  }
}
