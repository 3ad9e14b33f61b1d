package org.cinderemu.common.rpc;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cinderemu.common.logging.LogContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * oslo's RPCClient over one transport: cast, call and fanout cast (docs/cinder-reference.md §2.4). Calls share one
 * lazily declared {@code reply_<hex>} queue per client and time out after {@code rpc_response_timeout}.
 */
public final class RpcClient {

  private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);

  private final RpcTransport transport;
  private final Map<String, Promise<Object>> pending = new ConcurrentHashMap<>();
  private final Map<String, Future<Void>> declaredFanouts = new ConcurrentHashMap<>();
  private Future<String> replyQueue;
  private Future<Void> controlExchange;

  public RpcClient(RpcTransport transport) {
    this.transport = transport;
  }

  public RpcTransport transport() {
    return transport;
  }

  /** A cast of one message of the contract; {@code target}'s version is the message's. */
  public Future<Void> cast(Target target, RequestContext ctx, RpcMessage message) {
    return cast(target.withVersion(message.version()), ctx, message.method(), message.toArgs());
  }

  /** A call of one message of the contract; {@code target}'s version is the message's. */
  public Future<Object> call(Target target, RequestContext ctx, RpcMessage message) {
    return call(target.withVersion(message.version()), ctx, message.method(), message.toArgs());
  }

  /** A cast to {@code topic} or {@code topic.server} on the control exchange; no answer. */
  public Future<Void> cast(Target target, RequestContext ctx, String method, JsonObject args) {
    if (target.fanout()) {
      return fanoutCast(target, ctx, method, args);
    }
    RpcRequest request = RpcRequest.cast(ctx, method, args, target.version());
    return observed(target, method, RpcInvocation.CallType.CAST, () -> LogContexts.onCurrentContext(exchange())
        .compose(v -> transport.publish(new OutgoingMessage(transport.config().controlExchange(),
            target.routingKey(), request.toInner(), null, OutgoingMessage.Kind.CAST))));
  }

  /** A cast to every server of a topic through exchange {@code topic_fanout}. */
  public Future<Void> fanoutCast(Target target, RequestContext ctx, String method, JsonObject args) {
    RpcRequest request = RpcRequest.cast(ctx, method, args, target.version());
    String exchange = target.fanoutExchange();
    // the publisher declares the fanout exchange too, as oslo does
    return observed(target.asFanout(), method, RpcInvocation.CallType.CAST, () -> LogContexts.onCurrentContext(
            declaredFanouts.computeIfAbsent(exchange, transport::declareFanoutExchange))
        .compose(v -> transport.publish(new OutgoingMessage(exchange, "", request.toInner(), null,
            OutgoingMessage.Kind.FANOUT))));
  }

  /** A call: the result of the remote method, a {@link RemoteError}, or a {@link MessagingTimeout}. */
  public Future<Object> call(Target target, RequestContext ctx, String method, JsonObject args) {
    if (target.fanout()) {
      return Future.failedFuture(new IllegalArgumentException("a fanout call is not possible in oslo.messaging"));
    }
    return observed(target, method, RpcInvocation.CallType.CALL, () -> publishCall(target, ctx, method, args));
  }

  private Future<Object> publishCall(Target target, RequestContext ctx, String method, JsonObject args) {
    int timeoutSec = transport.config().rpcResponseTimeoutSeconds();
    return LogContexts.onCurrentContext(replyQueue()).compose(replyQ -> {
      RpcRequest request = RpcRequest.call(ctx, method, args, target.version(), replyQ);
      // completed by the reply consumer; its callbacks continue on the caller's context, under its request id
      Promise<Object> promise = LogContexts.promise(transport.vertx());
      pending.put(request.msgId(), promise);
      long timer = transport.vertx().setTimer(timeoutSec * 1000L, id -> {
        if (pending.remove(request.msgId()) != null) {
          transport.stats().timeouts.incrementAndGet();
          promise.tryFail(new MessagingTimeout("Timed out waiting for a reply to message ID " + request.msgId()));
        }
      });
      OutgoingMessage out = new OutgoingMessage(transport.config().controlExchange(), target.routingKey(),
          request.toInner(), timeoutSec * 1000L, OutgoingMessage.Kind.CALL);
      LogContexts.onCurrentContext(exchange()).compose(v -> transport.publish(out)).onFailure(e -> {
        pending.remove(request.msgId());
        promise.tryFail(e);
      });
      return promise.future().onComplete(ar -> transport.vertx().cancelTimer(timer));
    });
  }

  /** Runs one invocation, telling the transport's interceptors when it starts and ends (oslo.metrics' client series). */
  private <T> Future<T> observed(Target target, String method, RpcInvocation.CallType type, Supplier<Future<T>> send) {
    RpcInvocation invocation = new RpcInvocation(target, method, type);
    transport.notifyInterceptors(i -> i.invocationStarted(invocation));
    long start = System.nanoTime();
    return send.get().onComplete(ar -> transport.notifyInterceptors(
        i -> i.invocationEnded(invocation, System.nanoTime() - start, ar.cause())));
  }

  private synchronized Future<Void> exchange() {
    if (controlExchange == null || controlExchange.failed()) {
      controlExchange = transport.declareControlExchange();
    }
    return controlExchange;
  }

  private synchronized Future<String> replyQueue() {
    if (replyQueue == null || replyQueue.failed()) {
      String name = "reply_" + RpcRequest.newId();
      replyQueue = transport.declareTransientQueue(name)
          .compose(v -> transport.consume(name, delivery -> onReply(name, delivery)))
          .map(c -> name);
    }
    return replyQueue;
  }

  private void onReply(String queue, RabbitMQMessage delivery) {
    transport.ack(delivery);
    JsonObject inner;
    RpcReply reply;
    try {
      inner = Envelope.decode(delivery.body());
      reply = RpcReply.fromInner(inner);
    } catch (RuntimeException e) {
      transport.stats().malformed.incrementAndGet();
      LOG.warn("malformed reply dropped: {}", e.getMessage());
      return;
    }
    transport.replyConsumed(queue, inner);
    if (!reply.ending() && reply.result() == null && reply.failure() == null) {
      return; // a call-monitor heartbeat; Cinder never asks for them
    }
    Promise<Object> promise = pending.remove(reply.msgId());
    if (promise == null) {
      LOG.info("reply for unknown or timed-out message {} dropped", reply.msgId());
      return;
    }
    if (reply.failure() != null) {
      promise.fail(RemoteError.fromFailure(reply.failure()));
    } else {
      promise.complete(reply.result());
    }
  }
}
