package org.cinderemu.deploy.chaos.run;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.cinderemu.common.rpc.TransportUrl;

/** Broker-side faults over AMQP itself: deleting a queue as a broker failover that never re-created it would. */
final class BrokerQueues {

  private static final int CONNECT_TIMEOUT_MS = 5000;

  private BrokerQueues() {
  }

  static String delete(TransportUrl url, String queue) throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUsername(url.first().user());
    factory.setPassword(url.first().password());
    factory.setVirtualHost(url.virtualHost());
    factory.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    List<Address> addresses = url.brokers().stream().map(b -> new Address(b.host(), b.port())).toList();
    try (Connection c = factory.newConnection(addresses, "cinder-emu-chaos"); Channel ch = c.createChannel()) {
      int messages = ch.queueDelete(queue).getMessageCount();
      return "deleted queue " + queue + " (" + messages + " messages in it)";
    }
  }
}
