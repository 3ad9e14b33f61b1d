package org.cinderemu.common.rpc;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP connection of one service, on vertx-rabbitmq-client. After a broker restart the Java
 * client's automatic recovery re-opens the connection, re-declares every exchange, queue and binding
 * declared through it and re-registers its consumers, as kombu does for oslo. The Vert.x client's own
 * reconnect is off: it would replace the channel and strand the deliveries' acks.
 */
public final class RpcTransport {

  private static final Logger LOG = LoggerFactory.getLogger(RpcTransport.class);
  private static final long CONNECT_GIVE_UP_MS = 60_000;
  private static final long CONNECTION_WATCH_MS = 250;

  private final Vertx vertx;
  private final RpcConfig config;
  private final RabbitMQClient client;
  private final String connectionName;
  private final List<RpcInterceptor> interceptors = new CopyOnWriteArrayList<>();
  private final RpcStats stats = new RpcStats();
  private volatile boolean closed;
  private long connectionWatch = -1;
  private boolean wasConnected = true;
  /** Bumped whenever the channel is lost: deliveries of an older generation can no longer be acked. */
  private volatile long generation;
  /** Reliable mode's confirming publisher, else null (docs/chaos.md "Delivery modes"). */
  private final ConfirmedPublisher confirmed;

  private RpcTransport(Vertx vertx, RpcConfig config, String binary) {
    this.vertx = vertx;
    this.config = config;
    this.connectionName = binary + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID();
    this.client = RabbitMQClient.create(vertx, RabbitSettings.connection(config, connectionName));
    this.confirmed = config.reliable()
        ? new ConfirmedPublisher(vertx, client, stats, this::isConnected, this::channelLost) : null;
  }

  /** Connects, retrying every {@code rabbit_retry_interval} for up to a minute while the broker is down. */
  public static Future<RpcTransport> connect(Vertx vertx, RpcConfig config, String binary) {
    RpcTransport t = new RpcTransport(vertx, config, binary);
    return t.tryStart(System.currentTimeMillis());
  }

  private Future<RpcTransport> tryStart(long since) {
    return client.start().compose(v -> confirmed == null ? Future.succeededFuture() : confirmed.start()).map(v -> {
      LOG.info("connected to {} as {} ({} delivery)", config.url().masked(), connectionName,
          config.deliveryMode().wire());
      watchConnection();
      return this;
    }).recover(e -> {
      if (System.currentTimeMillis() - since > CONNECT_GIVE_UP_MS || closed) {
        return Future.failedFuture(new IllegalStateException("cannot reach the AMQP broker at "
            + config.url().masked() + ": " + e.getMessage(), e));
      }
      LOG.warn("broker {} not reachable ({}), retrying", config.url().masked(), e.getMessage());
      return vertx.timer(config.reconnectIntervalMillis()).compose(v -> tryStart(since));
    });
  }

  public RpcConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public RpcStats stats() {
    return stats;
  }

  public String connectionName() {
    return connectionName;
  }

  public void addInterceptor(RpcInterceptor interceptor) {
    interceptors.add(interceptor);
  }

  public boolean isConnected() {
    return client.isConnected() && client.isOpenChannel();
  }

  // ---- topology (docs/cinder-reference.md §2.1–§2.3) ----

  public Future<Void> declareControlExchange() {
    return client.exchangeDeclare(config.controlExchange(), "topic", config.durableQueues(),
        config.autoDeleteQueues()).recover(e -> RabbitSettings.explainMismatch(config, config.controlExchange(), e));
  }

  public Future<Void> declareFanoutExchange(String name) {
    return client.exchangeDeclare(name, "fanout", false, true);
  }

  /** A topic queue ({@code T} or {@code T.S}): flags from amqp_durable_queues / amqp_auto_delete, quorum or not. */
  public Future<Void> declareTopicQueue(String name) {
    return client.queueDeclare(name, config.durableQueues(), false, config.autoDeleteQueues(),
        RabbitSettings.topicQueueArguments(config)).<Void>mapEmpty()
        .recover(e -> RabbitSettings.explainMismatch(config, name, e));
  }

  /** A fanout or reply queue: non-durable, not auto-delete, {@code x-expires} = transient TTL on RabbitMQ. */
  public Future<Void> declareTransientQueue(String name) {
    JsonObject args = config.brokerProfile().transientQueueArguments(config.transientQueuesTtlSeconds());
    return client.queueDeclare(name, false, false, false, args).mapEmpty();
  }

  public Future<Void> bind(String queue, String exchange, String routingKey) {
    return client.queueBind(queue, exchange, routingKey);
  }

  /** Consumes with acks required; oslo's servers ack before dispatching, reliable ones after ({@link DeliveryPolicy}). */
  public Future<RabbitMQConsumer> consume(String queue, Handler<RabbitMQMessage> handler) {
    return client.basicConsumer(queue, new QueueOptions().setAutoAck(false).setMaxInternalQueueSize(100_000))
        .onSuccess(consumer -> consumer.handler(handler));
  }

  public void ack(RabbitMQMessage message) {
    // while the channel is down the delivery is gone anyway; acking would make the client open a new channel
    if (isConnected()) {
      client.basicAck(message.envelope().getDeliveryTag(), false)
          .onFailure(e -> LOG.debug("ack failed: {}", e.getMessage()));
    }
  }

  /** A delivery tagged with the channel generation it arrived on. */
  public Delivery delivered(RabbitMQMessage message) {
    return new Delivery(message, generation);
  }

  /** True while the delivery's channel is the live one, so that an ack or nack still reaches the broker. */
  public boolean settleable(Delivery delivery) {
    return delivery.generation() == generation && isConnected();
  }

  public void ack(Delivery delivery) {
    if (settleable(delivery)) {
      ack(delivery.message());
    }
  }

  /** Gives a delivery back to the broker ({@code requeue}) or drops it; nothing when its channel is gone. */
  public void nack(Delivery delivery, boolean requeue) {
    if (settleable(delivery)) {
      client.basicNack(delivery.message().envelope().getDeliveryTag(), false, requeue)
          .onFailure(e -> LOG.debug("nack failed: {}", e.getMessage()));
    }
  }

  private void channelLost() {
    generation++;
  }

  // ---- publishing (docs/cinder-reference.md §2.4, §2.5) ----

  /** Runs the interceptor chain, then publishes, retrying while the broker is away (like oslo's ensure). */
  public Future<Void> publish(OutgoingMessage message) {
    Future<OutgoingMessage> chain = Future.succeededFuture(message);
    for (RpcInterceptor i : interceptors) {
      chain = chain.compose(i::beforePublish);
    }
    return chain.compose(m -> confirmed == null ? publishWithRetry(m, System.currentTimeMillis()) : publishConfirmed(m))
        .recover(e -> {
          if (e instanceof RpcInterceptor.Dropped) {
            stats.dropped.incrementAndGet();
            LOG.info("publish of {} to {} dropped by an interceptor: {}", message.method(), message.routingKey(),
                e.getMessage());
            return Future.succeededFuture();
          }
          stats.publishFailures.incrementAndGet();
          return Future.failedFuture(e);
        });
  }

  private Future<Void> publishWithRetry(OutgoingMessage m, long since) {
    if (!isConnected()) {
      return retryLater(m, since, new IllegalStateException("not connected"));
    }
    return client.basicPublish(m.exchange(), m.routingKey(), properties(m), Envelope.encode(m.inner()))
        .onSuccess(v -> stats.published.incrementAndGet())
        .recover(e -> retryLater(m, since, e));
  }

  /**
   * Reliable mode: until the broker confirms it. A cast or fanout has no deadline (the "retried until
   * confirmed"); a call or reply is worthless after rpc_response_timeout, as its caller has given up by then.
   */
  private Future<Void> publishConfirmed(OutgoingMessage m) {
    boolean untilConfirmed = m.kind() == OutgoingMessage.Kind.CAST || m.kind() == OutgoingMessage.Kind.FANOUT;
    long deadline = untilConfirmed ? Long.MAX_VALUE
        : System.currentTimeMillis() + config.rpcResponseTimeoutSeconds() * 1000L;
    return confirmed.publish(m, properties(m), Envelope.encode(m.inner()), deadline);
  }

  private Future<Void> retryLater(OutgoingMessage m, long since, Throwable cause) {
    long budget = config.rpcResponseTimeoutSeconds() * 1000L;
    if (closed || System.currentTimeMillis() - since > budget) {
      return Future.failedFuture(new IllegalStateException("cannot publish to " + m.exchange() + "/"
          + m.routingKey() + ": " + cause.getMessage(), cause));
    }
    return vertx.timer(Math.max(100, config.reconnectIntervalMillis() / 4)).compose(v -> publishWithRetry(m, since));
  }

  private AMQP.BasicProperties properties(OutgoingMessage m) {
    // kombu's defaults: persistent, priority 0, an empty headers table; expiration only on calls
    AMQP.BasicProperties.Builder b = new AMQP.BasicProperties.Builder()
        .contentType("application/json")
        .contentEncoding("utf-8")
        .deliveryMode(2)
        .priority(0)
        .headers(Map.of());
    if (m.expirationMs() != null) {
      b.expiration(config.brokerProfile().callExpiration(m.expirationMs(), System.currentTimeMillis()));
    }
    return b.build();
  }

  Future<IncomingMessage> interceptIncoming(IncomingMessage message) {
    Future<IncomingMessage> chain = Future.succeededFuture(message);
    for (RpcInterceptor i : interceptors) {
      chain = chain.compose(i::beforeDispatch);
    }
    return chain;
  }

  void dispatched(IncomingMessage message, Throwable failure) {
    interceptors.forEach(i -> i.afterDispatch(message, failure));
  }

  void replyConsumed(String queue, JsonObject inner) {
    interceptors.forEach(i -> i.onReply(queue, inner));
  }

  /** Tells every interceptor about an event of the client or server ({@link RpcInterceptor#invocationStarted}...). */
  void notifyInterceptors(java.util.function.Consumer<RpcInterceptor> event) {
    for (RpcInterceptor i : interceptors) {
      try {
        event.accept(i);
      } catch (RuntimeException e) {
        LOG.warn("interceptor {} failed on an event: {}", i.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /**
   * Counts the Java client's automatic recoveries (it reports them to no listener the Vert.x client exposes): a
   * connection seen down, then up again. A recovery waits rabbit_retry_interval (1 s) first, so a 250 ms look
   * does not miss one.
   */
  private void watchConnection() {
    connectionWatch = vertx.setPeriodic(CONNECTION_WATCH_MS, id -> {
      boolean up = isConnected();
      if (!up && wasConnected) {
        channelLost();
        if (confirmed != null) {
          confirmed.connectionLost();
        }
      }
      if (up && !wasConnected) {
        stats.reconnects.incrementAndGet();
        LOG.info("reconnected to {} as {}", config.url().masked(), connectionName);
      }
      wasConnected = up;
    });
  }

  public Future<Void> close() {
    closed = true;
    if (confirmed != null) {
      confirmed.close();
    }
    if (connectionWatch >= 0) {
      vertx.cancelTimer(connectionWatch);
    }
    return client.stop().recover(e -> Future.succeededFuture());
  }
}
