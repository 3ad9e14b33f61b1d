package org.cinderemu.common.rpc;

import io.vertx.core.Future;

/**
 * What an {@link RpcServer} does with each delivery around dispatch, per {@link DeliveryMode}: when it acks, which
 * copies it drops as duplicates, and what a failed handler leads to.
 */
interface DeliveryPolicy {

  static DeliveryPolicy of(RpcTransport transport, RequestLedger ledger) {
    return transport.config().reliable() ? new ReliableDelivery(transport, ledger) : new OsloDelivery(transport);
  }

  /** First thing on each delivery; oslo acks here (docs/cinder-reference.md §2.6). */
  void received(Delivery delivery);

  /**
   * Whether the request goes on to dispatch; false for a duplicate, which the policy has settled itself.
   * {@code recorded} says whether the request's queue is one whose casts the ledger keeps (not a fanout queue).
   */
  Future<Boolean> admit(Delivery delivery, RpcRequest request, String queue, boolean recorded);

  /**
   * The delivery's end: {@code request} is null for a message that could not be decoded; {@code failure} is null
   * when the handler succeeded or the message was dropped on purpose (malformed, rejected by an interceptor).
   */
  void settled(Delivery delivery, RpcRequest request, boolean recorded, Throwable failure);
}
