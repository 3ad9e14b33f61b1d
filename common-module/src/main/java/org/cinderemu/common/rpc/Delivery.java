package org.cinderemu.common.rpc;

import io.vertx.rabbitmq.RabbitMQMessage;

/**
 * One delivery and the channel generation it came on: a delivery tag means something only on its own channel, so
 * one from before a reconnect is never acked on the recovered channel (the broker would close it).
 */
public record Delivery(RabbitMQMessage message, long generation) {

  public boolean redelivered() {
    return message.envelope().isRedeliver();
  }
}
