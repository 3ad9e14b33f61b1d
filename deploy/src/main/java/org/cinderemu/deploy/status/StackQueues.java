package org.cinderemu.deploy.status;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.cinderemu.common.objects.Service;
import org.cinderemu.common.rpc.Target;
import org.cinderemu.common.rpc.TransportUrl;
import org.cinderemu.common.rpc.api.ServiceTopic;
import org.cinderemu.common.rpc.api.VolumeTargets;

/**
 * The deployment's named queues read from the broker itself by passive declares, which every AMQP 0-9-1 broker
 * answers (ready messages and consumers; unacked needs RabbitMQ's management API, so it stays unknown here).
 * Fanout and reply queues carry random suffixes and are not named by any row, so they are not listed.
 */
final class StackQueues {

  private static final int CONNECT_TIMEOUT_MS = 3000;

  private StackQueues() {
  }

  /** The queues the servers of these rows declare (docs/cinder-reference.md §2.2), each once, in row order. */
  static List<String> namesFor(List<Service> services) {
    Set<String> names = new LinkedHashSet<>();
    for (Service s : services) {
      List<Target> targets = s.binary().equals(ServiceTopic.VOLUME.topic())
          ? VolumeTargets.listenedOnBy(s.serviceTopicQueue())
          : List.of(Target.server(s.topic(), s.host()));
      for (Target t : targets) {
        names.add(t.topic());
        names.add(t.routingKey());
      }
    }
    return List.copyOf(names);
  }

  /** Each queue's counts, or a problem line when the broker cannot be reached; a missing queue is left out. */
  static List<StackReport.QueueState> read(TransportUrl url, List<String> names, List<String> problems) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUsername(url.user());
    factory.setPassword(url.password());
    factory.setVirtualHost(url.virtualHost());
    factory.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    List<Address> addresses = url.brokers().stream().map(b -> new Address(b.host(), b.port())).toList();
    List<StackReport.QueueState> out = new ArrayList<>();
    try (Connection connection = factory.newConnection(addresses, "cinder-emu-status")) {
      for (String name : names) {
        passive(connection, name).ifPresent(ok -> out.add(
            new StackReport.QueueState(name, ok.getMessageCount(), null, ok.getConsumerCount())));
      }
    } catch (IOException | TimeoutException e) {
      problems.add("broker " + url.masked() + " not reachable: " + e.getMessage());
    }
    return out;
  }

  /** A queue that does not exist closes its channel (404), so each declare gets a channel of its own. */
  private static Optional<AMQP.Queue.DeclareOk> passive(Connection connection, String queue) throws IOException {
    Channel channel = connection.createChannel();
    try {
      return Optional.of(channel.queueDeclarePassive(queue));
    } catch (IOException notFound) {
      return Optional.empty();
    } finally {
      if (channel.isOpen()) {
        try {
          channel.close();
        } catch (TimeoutException | IOException e) {
          // the count is read; a slow close changes nothing
        }
      }
    }
  }
}
