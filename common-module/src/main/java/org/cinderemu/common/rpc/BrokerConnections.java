package org.cinderemu.common.rpc;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MetricsCollector;
import com.rabbitmq.client.NoOpMetricsCollector;
import com.rabbitmq.client.impl.AMQConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open AMQP connections of this process by connection name ({@code binary:pid:uuid}), so that a fault can drop
 * one as a broker or a network would (docs/chaos.md "Broker faults"). The Java client hands each connection it
 * opens, the first and every recovered one, to its metrics collector: that is where they are seen.
 */
public final class BrokerConnections {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerConnections.class);
  private static final Map<String, AMQConnection> OPEN = new ConcurrentHashMap<>();

  private BrokerConnections() {
  }

  /** The collector to give the client of the connection {@code name}: it records nothing but the connection. */
  static MetricsCollector tracker(String name) {
    return new NoOpMetricsCollector() {
      @Override
      public void newConnection(Connection connection) {
        if (connection instanceof AMQConnection amq) {
          OPEN.put(name, amq);
        }
      }

      @Override
      public void closeConnection(Connection connection) {
        OPEN.remove(name, connection);
      }
    };
  }

  /** The names of this process's open connections, sorted. */
  public static List<String> names() {
    return OPEN.entrySet().stream().filter(e -> e.getValue().isOpen()).map(Map.Entry::getKey).sorted().toList();
  }

  /**
   * Closes the socket under every open connection whose name {@code which} accepts, without an AMQP close: the
   * client sees its link die (not an application close), so its automatic recovery reconnects, re-declares and
   * re-consumes. Returns the names dropped. Blocking (a socket close): not on an event loop.
   */
  public static List<String> drop(Predicate<String> which) {
    List<String> dropped = names().stream().filter(which).toList();
    for (String name : dropped) {
      AMQConnection connection = OPEN.get(name);
      if (connection != null) {
        LOG.warn("dropping AMQP connection {} (chaos: broker connection closed)", name);
        connection.getFrameHandler().close();
      }
    }
    return dropped;
  }

  /** The binary a connection name belongs to ({@code cinder-volume:4242:…} → {@code cinder-volume}). */
  public static String binaryOf(String connectionName) {
    int colon = connectionName.indexOf(':');
    return colon < 0 ? connectionName : connectionName.substring(0, colon);
  }
}
