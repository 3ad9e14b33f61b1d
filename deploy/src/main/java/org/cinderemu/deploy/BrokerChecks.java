package org.cinderemu.deploy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.cinderemu.common.rpc.TransportUrl;

/**
 * Refuses a second stack on a vhost where a Cinder control plane already consumes: queue names such as
 * {@code cinder-scheduler} are per vhost, so two stacks there would take each other's messages.
 */
public final class BrokerChecks {

  private static final String PROBE_QUEUE = "cinder-scheduler";

  private BrokerChecks() {
  }

  public static void requireVhostUnused(TransportUrl url) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(url.host());
    factory.setPort(url.port());
    factory.setUsername(url.user());
    factory.setPassword(url.password());
    factory.setVirtualHost(url.virtualHost());
    factory.setConnectionTimeout(3000);
    int consumers;
    try (Connection connection = factory.newConnection("cinder-emu-up-check")) {
      Channel channel = connection.createChannel();
      try {
        consumers = channel.queueDeclarePassive(PROBE_QUEUE).getConsumerCount();
      } catch (IOException notDeclared) {
        return;  // no scheduler ever declared its queue on this vhost
      }
    } catch (IOException | TimeoutException e) {
      throw new LaunchException("cannot log in to RabbitMQ vhost '" + url.virtualHost() + "' ("
          + url.masked() + "): " + e.getMessage(), e);
    }
    if (consumers > 0) {
      throw new LaunchException("another Cinder control plane is consuming on RabbitMQ vhost '"
          + url.virtualHost() + "' (" + url.masked() + "): two stacks on one vhost would take each other's"
          + " messages.\nGive this stack its own vhost, for example:\n"
          + "  rabbitmqctl add_vhost stack2 && rabbitmqctl set_permissions -p stack2 guest '.*' '.*' '.*'\n"
          + "and [DEFAULT] transport_url = rabbit://guest:guest@127.0.0.1:5672/stack2 in its --config.");
    }
  }
}
