package org.cinderemu.common.rpc;

/**
 * oslo.messaging's Target: where a message goes or what a server listens on. Casts and calls with a
 * server use routing key {@code topic.server}; fanout casts go to exchange {@code topic_fanout}.
 */
public record Target(String topic, String server, boolean fanout, String version) {

  public static Target topic(String topic) {
    return new Target(topic, null, false, null);
  }

  public static Target server(String topic, String server) {
    return new Target(topic, server, false, null);
  }

  public Target withVersion(String v) {
    return new Target(topic, server, fanout, v);
  }

  public Target asFanout() {
    return new Target(topic, null, true, version);
  }

  /** The routing key on the control exchange (docs/cinder-reference.md §2.4). */
  public String routingKey() {
    return server == null ? topic : topic + "." + server;
  }

  public String fanoutExchange() {
    return topic + "_fanout";
  }
}
