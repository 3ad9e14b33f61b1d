package org.cinderemu.common.rpc;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cinder's delivery: ack before dispatch, at most once (docs/cinder-reference.md §2.6), and oslo's filter of the
 * last 16 ids (docs/cinder-reference.md §3.7). */
final class OsloDelivery implements DeliveryPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(OsloDelivery.class);

  private final RpcTransport transport;
  private final DuplicateFilter duplicates = new DuplicateFilter();

  OsloDelivery(RpcTransport transport) {
    this.transport = transport;
  }

  @Override
  public void received(Delivery delivery) {
    transport.ack(delivery);
  }

  @Override
  public Future<Boolean> admit(Delivery delivery, RpcRequest request, String queue, boolean recorded) {
    if (!duplicates.firstTime(request.uniqueId())) {
      transport.stats().duplicates.incrementAndGet();
      LOG.warn("dropped duplicate message {} ({}) on {}", request.uniqueId(), request.method(), queue);
      return Future.succeededFuture(false);
    }
    return Future.succeededFuture(true);
  }

  @Override
  public void settled(Delivery delivery, RpcRequest request, boolean recorded, Throwable failure) {
    // acked on arrival: whatever the handler did, the message is gone
  }
}
