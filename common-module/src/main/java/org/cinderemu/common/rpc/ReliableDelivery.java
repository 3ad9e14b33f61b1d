package org.cinderemu.common.rpc;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliable delivery on the consumer side (docs/chaos.md "Delivery modes"): a delivery is acked once its handler
 * ended, so a broker restart or a crash mid-handler redelivers it; a copy of a request already in flight here waits
 * for the first, and a cast the {@link RequestLedger} knows as handled is acked without running again. A handler
 * that crashed (not a Cinder error it raised on purpose) is redelivered after {@code rabbit_retry_interval}, at most
 * {@link #MAX_ATTEMPTS} times in all, then given up: a poison message must not loop forever.
 */
final class ReliableDelivery implements DeliveryPolicy {

  static final int MAX_ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(ReliableDelivery.class);

  private record InFlight(Delivery delivery, Promise<Void> done) {
  }

  private final RpcTransport transport;
  private final RequestLedger ledger;
  private final Map<String, InFlight> inFlight = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();

  ReliableDelivery(RpcTransport transport, RequestLedger ledger) {
    this.transport = transport;
    this.ledger = ledger;
  }

  @Override
  public void received(Delivery delivery) {
    // acked in settled(), once the handler ended
  }

  @Override
  public Future<Boolean> admit(Delivery delivery, RpcRequest request, String queue, boolean recorded) {
    String id = request.uniqueId();
    if (id == null) {
      return Future.succeededFuture(true);
    }
    InFlight running;
    synchronized (this) {
      running = inFlight.get(id);
      if (running == null) {
        inFlight.put(id, new InFlight(delivery, Promise.promise()));
      }
    }
    if (running != null) {
      duplicate(request, queue, "in flight");
      running.done().future().onComplete(ar -> {
        // the first copy's own ack or requeue settles the request, unless its channel is gone
        if (ar.succeeded() || transport.settleable(running.delivery())) {
          transport.ack(delivery);
        } else {
          transport.nack(delivery, true);
        }
      });
      return Future.succeededFuture(false);
    }
    if (!recorded || request.isCall()) {
      return Future.succeededFuture(true);
    }
    return ledger.handled(id)
        .recover(e -> {
          LOG.warn("request ledger unreadable ({}); dispatching {} {}", e.getMessage(), request.method(), id);
          return Future.succeededFuture(false);
        })
        .map(handled -> {
          if (!handled) {
            return true;
          }
          duplicate(request, queue, "already handled");
          transport.ack(delivery);
          finish(id, null);
          return false;
        });
  }

  private void duplicate(RpcRequest request, String queue, String why) {
    transport.stats().duplicates.incrementAndGet();
    LOG.info("dropped duplicate message {} ({}) on {}: {}", request.uniqueId(), request.method(), queue, why);
  }

  @Override
  public void settled(Delivery delivery, RpcRequest request, boolean recorded, Throwable failure) {
    if (request == null || request.uniqueId() == null) {
      transport.ack(delivery);
      return;
    }
    String id = request.uniqueId();
    if (failure == null) {
      Future<Void> noted = recorded && !request.isCall()
          ? ledger.record(id, request.method()).recover(e -> {
            LOG.warn("request ledger not written for {} ({}): {}", request.method(), id, e.getMessage());
            return Future.succeededFuture();
          })
          : Future.succeededFuture();
      noted.onComplete(x -> {
        forgetFailures(id);
        transport.ack(delivery);
        finish(id, null);
      });
      return;
    }
    if (!retryable(request, failure)) {
      forgetFailures(id);
      transport.ack(delivery);
      finish(id, failure);
      return;
    }
    int attempt;
    synchronized (this) {
      attempt = failures.merge(id, 1, Integer::sum);
    }
    if (attempt >= MAX_ATTEMPTS) {
      forgetFailures(id);
      transport.stats().givenUp.incrementAndGet();
      LOG.error("{} ({}) failed {} times: given up", request.method(), id, attempt);
      transport.ack(delivery);
      finish(id, failure);
      return;
    }
    LOG.warn("{} ({}) crashed (attempt {} of {}): redelivering in {} ms", request.method(), id, attempt,
        MAX_ATTEMPTS, transport.config().reconnectIntervalMillis());
    transport.vertx().setTimer(Math.max(1, transport.config().reconnectIntervalMillis()), t -> {
      // out of the in-flight set first, so that the redelivered copy runs instead of waiting on this one
      finish(id, failure);
      transport.stats().requeued.incrementAndGet();
      transport.nack(delivery, true);
    });
  }

  /** A cast whose handler crashed; a call was answered with its failure, and a Cinder error is the handler's word. */
  private static boolean retryable(RpcRequest request, Throwable failure) {
    return !request.isCall() && !(failure instanceof RemoteError);
  }

  private synchronized void forgetFailures(String id) {
    failures.remove(id);
  }

  private void finish(String id, Throwable failure) {
    InFlight done;
    synchronized (this) {
      done = inFlight.remove(id);
    }
    if (done != null) {
      if (failure == null) {
        done.done().tryComplete();
      } else {
        done.done().tryFail(failure);
      }
    }
  }
}
