package org.cinderemu.common.rpc;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConfirmation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.cinderemu.common.logging.LogContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliable mode's publishing (docs/chaos.md "Delivery modes"): the channel is in confirm mode and each publish
 * completes once the broker confirms it. A nack, or a channel lost before the confirm came, sends the message
 * again once connected. One publish at a time: the delivery tag the client reads before publishing is only that
 * message's while no other publish runs beside it on the channel.
 */
final class ConfirmedPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(ConfirmedPublisher.class);
  private static final int CONFIRM_BUFFER = 100_000;
  private static final long NOT_CONNECTED_WAIT_MS = 250;
  /** A confirm normally comes within milliseconds; one missing this long is taken as lost and the message re-sent. */
  static final long CONFIRM_TIMEOUT_MS = 10_000;

  /** One message until its confirm; {@code deadline} in epoch ms ({@code Long.MAX_VALUE}: until confirmed). */
  private static final class Pending {
    final OutgoingMessage message;
    final AMQP.BasicProperties properties;
    final Buffer body;
    final Promise<Void> promise;
    final long deadline;
    long tag = -1;
    long sentAt;
    int sends;

    Pending(OutgoingMessage message, AMQP.BasicProperties properties, Buffer body, long deadline,
        Promise<Void> promise) {
      this.message = message;
      this.promise = promise;
      this.properties = properties;
      this.body = body;
      this.deadline = deadline;
    }
  }

  private final Vertx vertx;
  private final RabbitMQClient client;
  private final RpcStats stats;
  private final BooleanSupplier connected;
  private final Runnable channelLost;
  private final Deque<Pending> waiting = new ArrayDeque<>();
  private final TreeMap<Long, Pending> unconfirmed = new TreeMap<>();
  private long lastTag;
  private boolean sending;
  private boolean wakeUpSet;
  private long confirmWatch = -1;
  private volatile boolean closed;

  ConfirmedPublisher(Vertx vertx, RabbitMQClient client, RpcStats stats, BooleanSupplier connected,
      Runnable channelLost) {
    this.vertx = vertx;
    this.client = client;
    this.stats = stats;
    this.connected = connected;
    this.channelLost = channelLost;
  }

  /** Puts the channel in confirm mode; the client re-selects it on every automatic recovery. */
  Future<Void> start() {
    confirmWatch = vertx.setPeriodic(1000, id -> resendOverdue());
    return listen();
  }

  private Future<Void> listen() {
    return client.addConfirmListener(CONFIRM_BUFFER)
        .onSuccess(stream -> stream.handler(this::confirmed))
        .mapEmpty();
  }

  /**
   * Publishes whose confirm is overdue are sent again, and the listener registered anew: a channel the client
   * replaced after a channel error (not a connection recovery, which keeps the listener) confirms to nobody.
   * A copy that did arrive is the consumers' duplicate to drop (ReliableDelivery).
   */
  private void resendOverdue() {
    long limit = System.currentTimeMillis() - CONFIRM_TIMEOUT_MS;
    int overdue;
    synchronized (this) {
      List<Pending> late = unconfirmed.values().stream().filter(p -> p.sentAt < limit).toList();
      late.forEach(p -> unconfirmed.remove(p.tag));
      for (int i = late.size() - 1; i >= 0; i--) {
        late.get(i).tag = -1;
        waiting.addFirst(late.get(i));
      }
      overdue = late.size();
    }
    if (overdue > 0) {
      LOG.warn("{} publish(es) unconfirmed for {} ms: sending them again", overdue, CONFIRM_TIMEOUT_MS);
      listen().onFailure(e -> LOG.debug("confirm listener not registered: {}", e.getMessage()));
      pump();
    }
  }

  Future<Void> publish(OutgoingMessage m, AMQP.BasicProperties properties, Buffer body, long deadline) {
    // completed on the caller's context, so that its callbacks keep its request id
    Pending p = new Pending(m, properties, body, deadline, LogContexts.promise(vertx));
    synchronized (this) {
      waiting.addLast(p);
    }
    pump();
    return p.promise.future();
  }

  /** The connection went down: whatever was not confirmed on it is sent again on the next one. */
  synchronized void connectionLost() {
    requeueUnconfirmed();
    lastTag = 0;
  }

  private void requeueUnconfirmed() {
    List<Pending> lost = new ArrayList<>(unconfirmed.values());
    unconfirmed.clear();
    for (int i = lost.size() - 1; i >= 0; i--) {
      lost.get(i).tag = -1;
      waiting.addFirst(lost.get(i));
    }
    if (!lost.isEmpty()) {
      LOG.info("{} publish(es) unconfirmed when the channel was lost: sending them again", lost.size());
    }
  }

  private void pump() {
    Pending next;
    synchronized (this) {
      if (sending || waiting.isEmpty()) {
        return;
      }
      if (closed) {
        failAll(new IllegalStateException("transport closed"));
        return;
      }
      expire();
      if (waiting.isEmpty()) {
        return;
      }
      if (!connected.getAsBoolean()) {
        wakeUpLater();
        return;
      }
      next = waiting.pollFirst();
      sending = true;
    }
    send(next);
  }

  private void send(Pending p) {
    if (p.sends++ > 0) {
      stats.republished.incrementAndGet();
    }
    OutgoingMessage m = p.message;
    Future<Void> published;
    try {
      published = client.basicPublishWithDeliveryTag(m.exchange(), m.routingKey(), p.properties, p.body,
          tag -> tagged(p, tag));
    } catch (RuntimeException e) {
      // the client opens a new channel inline when the old one is closed, and that throws while disconnected
      published = Future.failedFuture(e);
    }
    published.onComplete(ar -> {
      synchronized (this) {
        sending = false;
        if (ar.failed()) {
          // never reached the broker: forget its tag, try again when connected
          if (p.tag >= 0 && unconfirmed.get(p.tag) == p) {
            unconfirmed.remove(p.tag);
          }
          p.tag = -1;
          waiting.addFirst(p);
          LOG.debug("publish to {} failed ({}); retrying", m.routingKey(), ar.cause().getMessage());
          wakeUpLater();
          return;
        }
      }
      pump();
    });
  }

  /** Runs on the client's worker just before the publish, with the tag the broker will confirm. */
  private synchronized void tagged(Pending p, long tag) {
    if (tag <= lastTag) {
      // a recovered channel numbers from 1 again: the old channel's unconfirmed messages will never be confirmed
      requeueUnconfirmed();
      channelLost.run();
    }
    lastTag = tag;
    p.tag = tag;
    p.sentAt = System.currentTimeMillis();
    unconfirmed.put(tag, p);
  }

  private void confirmed(RabbitMQConfirmation c) {
    List<Pending> acked = new ArrayList<>();
    synchronized (this) {
      Map<Long, Pending> covered = c.isMultiple() ? unconfirmed.headMap(c.getDeliveryTag(), true)
          : unconfirmed.containsKey(c.getDeliveryTag())
              ? Map.of(c.getDeliveryTag(), unconfirmed.get(c.getDeliveryTag())) : Map.of();
      List<Pending> these = new ArrayList<>(covered.values());
      these.forEach(p -> unconfirmed.remove(p.tag));
      for (Pending p : these) {
        p.tag = -1;
        if (c.isSucceeded()) {
          acked.add(p);
        } else {
          LOG.warn("broker nacked a publish to {}: sending it again", p.message.routingKey());
          waiting.addLast(p);
        }
      }
    }
    for (Pending p : acked) {
      stats.published.incrementAndGet();
      p.promise.tryComplete();
    }
    pump();
  }

  private void expire() {
    long now = System.currentTimeMillis();
    waiting.removeIf(p -> {
      if (now <= p.deadline) {
        return false;
      }
      p.promise.tryFail(new IllegalStateException("cannot publish to " + p.message.exchange() + "/"
          + p.message.routingKey() + ": not confirmed in time"));
      return true;
    });
  }

  private void wakeUpLater() {
    if (!wakeUpSet && !closed) {
      wakeUpSet = true;
      vertx.setTimer(NOT_CONNECTED_WAIT_MS, id -> {
        synchronized (this) {
          wakeUpSet = false;
        }
        pump();
      });
    }
  }

  private void failAll(Throwable e) {
    waiting.forEach(p -> p.promise.tryFail(e));
    waiting.clear();
    unconfirmed.values().forEach(p -> p.promise.tryFail(e));
    unconfirmed.clear();
  }

  void close() {
    closed = true;
    if (confirmWatch >= 0) {
      vertx.cancelTimer(confirmWatch);
    }
    synchronized (this) {
      failAll(new IllegalStateException("transport closed"));
    }
  }
}
