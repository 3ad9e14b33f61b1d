package org.cinderemu.common.rpc;

import io.vertx.core.Future;
import io.vertx.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.ArrayList;
import java.util.List;
import org.cinderemu.common.logging.LogContext;
import org.cinderemu.common.logging.LogContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An oslo RPC server for one Target (docs/cinder-reference.md §2.2): declares {@code T}, {@code T.S} and {@code
 * T_fanout_<hex>}, acks and drops duplicates as its {@link DeliveryPolicy} says (oslo: ack before dispatch, at most
 * once) and answers calls on the caller's reply queue. A bad message is logged, counted and dropped; the consumer
 * keeps going.
 */
public final class RpcServer {

  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  private final RpcTransport transport;
  private final Target target;
  private final RpcDispatcher dispatcher;
  private final DeliveryPolicy delivery;
  private final List<RabbitMQConsumer> consumers = new ArrayList<>();
  private String fanoutQueue;

  public RpcServer(RpcTransport transport, Target target, RpcDispatcher dispatcher) {
    this(transport, target, dispatcher, RequestLedger.NONE);
  }

  /** {@code ledger}: where reliable delivery remembers handled casts across restarts (unused in oslo mode). */
  public RpcServer(RpcTransport transport, Target target, RpcDispatcher dispatcher, RequestLedger ledger) {
    this.transport = transport;
    this.target = target;
    this.dispatcher = dispatcher;
    this.delivery = DeliveryPolicy.of(transport, ledger);
  }

  public Target target() {
    return target;
  }

  public String fanoutQueue() {
    return fanoutQueue;
  }

  public Future<Void> start() {
    String exchange = transport.config().controlExchange();
    String topic = target.topic();
    String server = target.topic() + "." + target.server();
    fanoutQueue = target.fanoutExchange() + "_" + RpcRequest.newId();
    return transport.declareControlExchange()
        .compose(v -> transport.declareTopicQueue(topic))
        .compose(v -> transport.bind(topic, exchange, topic))
        .compose(v -> transport.declareTopicQueue(server))
        .compose(v -> transport.bind(server, exchange, server))
        .compose(v -> transport.declareFanoutExchange(target.fanoutExchange()))
        .compose(v -> transport.declareTransientQueue(fanoutQueue))
        .compose(v -> transport.bind(fanoutQueue, target.fanoutExchange(), topic))
        .compose(v -> consume(topic))
        .compose(v -> consume(server))
        .compose(v -> consume(fanoutQueue))
        .onSuccess(v -> LOG.info("RPC server listening on {}, {}, {}", topic, server, fanoutQueue));
  }

  private Future<Void> consume(String queue) {
    return transport.consume(queue, msg -> onDelivery(queue, msg)).onSuccess(consumers::add).mapEmpty();
  }

  private void onDelivery(String queue, RabbitMQMessage message) {
    Delivery d = transport.delivered(message);
    delivery.received(d);
    transport.stats().received.incrementAndGet();
    RpcRequest request;
    try {
      request = RpcRequest.fromInner(Envelope.decode(message.body()));
    } catch (RuntimeException e) {
      transport.stats().malformed.incrementAndGet();
      LOG.warn("rejected a malformed message on {}: {}", queue, e.getMessage());
      delivery.settled(d, null, false, null);
      return;
    }
    // each message is served on a duplicated context of its own carrying its request id (see LogContexts)
    RpcRequest accepted = request;
    LogContexts.runAs(transport.vertx(), LogContext.of(request.context()), () -> accept(d, accepted, queue));
  }

  private void accept(Delivery d, RpcRequest request, String queue) {
    // the ledger keeps the casts of topic queues; fanout reports are superseded by the next one anyway
    boolean recorded = !queue.equals(fanoutQueue);
    delivery.admit(d, request, queue, recorded).onSuccess(admitted -> {
      if (admitted) {
        transport.interceptIncoming(new IncomingMessage(queue, request))
            .onSuccess(in -> settleAfter(d, request, recorded, dispatch(in, queue, null)))
            .onFailure(e -> {
              if (e instanceof RpcInterceptor.Failed injected) {
                settleAfter(d, request, recorded, dispatch(new IncomingMessage(queue, request), queue, injected.error()));
                return;
              }
              transport.stats().dropped.incrementAndGet();
              LOG.info("{} on {} dropped before dispatch: {}", request.method(), queue, e.getMessage());
              delivery.settled(d, request, recorded, null);
            });
      }
    });
  }

  private void settleAfter(Delivery d, RpcRequest request, boolean recorded, Future<?> handled) {
    handled.onComplete(ar -> delivery.settled(d, request, recorded, ar.cause()));
  }

  /**
   * Runs the handler, or fails as it would with {@code injected} when an interceptor asked for that, and answers a
   * call; the future ends with the handler, failed when it failed.
   */
  private Future<?> dispatch(IncomingMessage in, String queue, RemoteError injected) {
    RpcRequest request = in.request();
    LOG.debug("dispatching {} v{} from {}", request.method(), request.version(), queue);
    transport.notifyInterceptors(i -> i.dispatchStarted(target, in));
    long start = System.nanoTime();
    return (injected == null ? dispatcher.dispatch(request) : Future.failedFuture(injected)).onComplete(ar -> {
      transport.dispatched(in, ar.cause());
      transport.notifyInterceptors(i -> i.dispatchEnded(target, in, System.nanoTime() - start, ar.cause()));
      if (ar.succeeded()) {
        transport.stats().dispatched.incrementAndGet();
        if (request.isCall()) {
          reply(request, RpcReply.success(request.msgId(), ar.result()));
        }
        return;
      }
      RemoteError error = RemoteError.wrap(ar.cause());
      if (error instanceof MalformedRpcArguments) {
        transport.stats().badArguments.incrementAndGet();
        LOG.warn("rejected {} v{} on {}: {}", request.method(), request.version(), queue,
            error.getMessage());
      } else if (RemoteError.DISPATCHER.equals(error.module())) {
        transport.stats().rejected.incrementAndGet();
        LOG.warn("rejected {} v{} on {}: {}", request.method(), request.version(), queue,
            error.getMessage());
      } else {
        LOG.warn("{} failed: {}", request.method(), error.toString(),
            ar.cause() instanceof RemoteError ? null : ar.cause());
      }
      if (request.isCall()) {
        reply(request, RpcReply.failure(request.msgId(), error));
      }
    });
  }

  private void reply(RpcRequest request, RpcReply reply) {
    // oslo publishes replies with mandatory=true; vertx-rabbitmq-client has no such flag, so a reply
    // to a vanished queue is dropped by the broker instead of being retried for 60 s
    transport.publish(new OutgoingMessage("", request.replyQueue(), reply.toInner(), null,
            OutgoingMessage.Kind.REPLY))
        .onFailure(e -> LOG.warn("reply to {} failed: {}", request.replyQueue(), e.getMessage()));
  }

  public Future<Void> stop() {
    List<Future<Void>> cancels = new ArrayList<>();
    for (RabbitMQConsumer c : consumers) {
      cancels.add(c.cancel().recover(e -> Future.succeededFuture()));
    }
    consumers.clear();
    return Future.join(cancels).mapEmpty();
  }
}
